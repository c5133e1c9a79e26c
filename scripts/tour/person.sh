# The people at the keyboard during scripts/readme-tour.sh: what each types at each prompt (through the
# environment variables the commands document), what they copy from one command's output into the next,
# and what they write into files. Sourced by the runner; $n is the current command's number, $work the
# scratch folder. Nothing here is a real secret: every value is made up for this run.

declare -A password=()       # user -> their password now
declare -A seen=()           # users who logged in before
declare -A key_secret=()     # user/purpose -> the one-time secret or the passphrase of their key copy now
draft_passphrase="tour-draft-Passphrase-7"
current_user=""

option() { # the value of option $2 in command line $1
  sed -nE "s/.*$2[ =]([^ ]+).*/\1/p" <<<"$1"
}

# Exported in the command's own subshell only.
command_env() {
  local line="$1" user purpose
  case "$line" in
    *"admin login"*)
      user=$(option "$line" --user)
      export FIELDSAFE_PASSWORD="${password[$user]:?no password known for $user}"
      export FIELDSAFE_NEW_PASSWORD="tour-${user}-Chosen-Passw0rd" ;;
    *"admin keys passphrase"*)
      purpose=$(option "$line" --purpose)
      export FIELDSAFE_PASSPHRASE="${key_secret[$current_user/$purpose]:?no key copy of $purpose known for $current_user}"
      export FIELDSAFE_NEW_PASSPHRASE="tour-${current_user}-${purpose}-passphrase" ;;
    *"admin keys grant"*)
      purpose=$(option "$line" --purpose)
      export FIELDSAFE_PASSPHRASE="${key_secret[$current_user/$purpose]}" ;;
    *"admin identity"*) export FIELDSAFE_PASSPHRASE="${key_secret[$current_user/identity]}" ;;
    *"admin export"*|*"admin keys fetch"*) export FIELDSAFE_PASSPHRASE_RESEARCH="${key_secret[$current_user/research]}" ;;
    *"admin referrals"*) export FIELDSAFE_PASSPHRASE_SAFEGUARDING="${key_secret[$current_user/safeguarding]}" ;;
    *"client interview"*) export FIELDSAFE_PASSPHRASE="$draft_passphrase" ;;
  esac
}

# What the person types on standard input.
stdin_for() {
  case "$1" in
    *"client interview"*"--answers"*) echo /dev/null ;;
    *"client interview"*) echo "$tour_files/interactive-km.txt" ;;
    *) echo /dev/null ;;
  esac
}

before_command() {
  local line="$1"
  case "$line" in
    *"FIELDSAFE_ADMIN_PASSWORD="*"./fieldsafe server"*)
      password[admin]=$(sed -nE 's/.*FIELDSAFE_ADMIN_PASSWORD=([^ ]+).*/\1/p' <<<"$line") ;;
    *"client interview"*"--answers a.json"*)
      # The person fills the skeleton's nulls: the filled copy must answer the skeleton's questions.
      local skeleton="$clone/a.json" q
      [ -s "$skeleton" ] || fail "the answers template was not written to a.json"
      for q in $(grep -oE '"[a-z_]+": *null' "$skeleton" | sed -E 's/"([a-z_]+)".*/\1/' | sort -u); do
        grep -q "\"$q\"" "$tour_files/answers-km.json" \
          || fail "scripts/tour/answers-km.json does not answer '$q' of the template: update it with the form"
      done
      cp "$tour_files/answers-km.json" "$skeleton" ;;
  esac
}

after_command() {
  local line="$1" user purpose out
  out="$work/out/$n.out"
  case "$line" in
    *"admin login"*)
      user=$(option "$line" --user)
      current_user="$user"
      # a user's first login changes their one-time password (the admin's was chosen when the server started)
      if [ "$user" != admin ] && [ -z "${seen[$user]:-}" ]; then
        password[$user]="tour-${user}-Chosen-Passw0rd"
      fi
      seen[$user]=1 ;;
    *"admin users add"*)
      user=$(option "$line" --username)
      password[$user]=$(first_match "users add --username $user" 'One-time password: [^ ]+' | sed 's/One-time password: //') ;;
    *"admin keys init"*)
      # lines "<purpose> <holder> <one-time secret>"
      while read -r purpose user secret; do
        key_secret[$user/$purpose]="$secret"
      done < <(grep -E '^(research|safeguarding|identity) +[^ ]+ +[^ ]+$' "$out")
      [ "${#key_secret[@]}" -ge 3 ] || fail "keys init printed no one-time secrets" ;;
    *"admin keys grant"*)
      user=$(option "$line" --user)
      purpose=$(option "$line" --purpose)
      key_secret[$user/$purpose]=$(tail -n 1 "$out") ;;
    *"admin keys passphrase"*)
      purpose=$(option "$line" --purpose)
      key_secret[$current_user/$purpose]="tour-${current_user}-${purpose}-passphrase" ;;
  esac
}

fill_placeholders() {
  local c="$1" uuid='[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
  [[ "$c" == *SUBMISSION_ID* ]] && c="${c//SUBMISSION_ID/$(first_match 'client sync' "$uuid")}"
  [[ "$c" == *CASE_ID* ]] && c="${c//CASE_ID/$(first_match 'referrals list' "$uuid")}"
  [[ "$c" == *GRANT_ID* ]] && c="${c//GRANT_ID/$(first_match 'stable-code-grants' "$uuid")}"
  [[ "$c" == *SERVICE_ID* ]] && c="${c//SERVICE_ID/kh-child-helpline}"
  printf '%s' "$c"
}
