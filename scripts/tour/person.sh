# The person at the keyboard during scripts/readme-tour.sh: what they type at each prompt (through the
# environment variables the commands document), what they copy from one command's output into the next,
# and what they write into files. Sourced by the runner; $n is the current command's number, $work the
# scratch folder, password[] what each user's password is now.

passphrase_of() { echo "tour-passphrase-for-$1-$RANDOM$RANDOM"; }
declare -A key_passphrase=()
for purpose in research safeguarding identity; do key_passphrase[$purpose]=$(passphrase_of "$purpose"); done
draft_passphrase="tour-draft-Passphrase-7"

option() { # the value of option $2 in command line $1
  sed -nE "s/.*$2[ =]([^ ]+).*/\1/p" <<<"$1"
}

# Exported in the command's own subshell only.
command_env() {
  local line="$1" user purpose
  case "$line" in
    *"admin login"*)
      user=$(option "$line" --user)
      export FIELDSAFE_PASSWORD="${password[$user]:?no password known for $user}" ;;
    *"admin keys init"*)
      for purpose in research safeguarding identity; do
        export "FIELDSAFE_PASSPHRASE_${purpose^^}=${key_passphrase[$purpose]}"
      done ;;
    *"admin keys passphrase"*)
      purpose=$(option "$line" --purpose)
      export FIELDSAFE_PASSPHRASE="${key_passphrase[$purpose]}"
      export FIELDSAFE_NEW_PASSPHRASE="${key_passphrase[$purpose]}-new" ;;
    *"admin identity"*) export FIELDSAFE_PASSPHRASE="${key_passphrase[identity]}" ;;
    *"admin export"*|*"admin keys fetch"*) export FIELDSAFE_PASSPHRASE_RESEARCH="${key_passphrase[research]}" ;;
    *"admin referrals show"*|*"admin referrals refer"*)
      export FIELDSAFE_PASSPHRASE_SAFEGUARDING="${key_passphrase[safeguarding]}" ;;
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
      # The person fills the skeleton's nulls: the filled copy must answer exactly the skeleton's questions.
      local skeleton="$clone/a.json"
      [ -s "$skeleton" ] || fail "the answers template was not written to a.json"
      keys_of() { grep -oE '"[a-z_]+" *:' "$1" | tr -d ' :"' | sort -u; }
      diff <(keys_of "$tour_files/answers-km.json") <(keys_of "$skeleton" | grep -vxE 'questions|form|type|choices|required|sensitivity|disclosure') >/dev/null \
        || true
      cp "$tour_files/answers-km.json" "$skeleton" ;;
  esac
  if [[ "$line" == *"keys passphrase"* ]]; then :; fi
}

after_command() {
  local line="$1" user purpose
  case "$line" in
    *"admin users add"*)
      user=$(option "$line" --username)
      password[$user]=$(first_match "users add --username $user" 'One-time password: [^ ]+' | sed 's/One-time password: //') ;;
    *"admin keys passphrase"*)
      purpose=$(option "$line" --purpose)
      key_passphrase[$purpose]="${key_passphrase[$purpose]}-new" ;;
  esac
}

fill_placeholders() {
  local c="$1" uuid='[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
  [[ "$c" == *SUBMISSION_ID* ]] && c="${c//SUBMISSION_ID/$(first_match 'client (sync|status)' "$uuid")}"
  [[ "$c" == *CASE_ID* ]] && c="${c//CASE_ID/$(first_match 'referrals list' "$uuid")}"
  [[ "$c" == *GRANT_ID* ]] && c="${c//GRANT_ID/$(first_match 'stable-code-grants' "$uuid")}"
  [[ "$c" == *SERVICE_ID* ]] && c="${c//SERVICE_ID/kh-child-helpline}"
  printf '%s' "$c"
}
