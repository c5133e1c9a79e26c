package org.fieldsafe.server.auth;

import java.util.Collection;
import java.util.Set;
import org.fieldsafe.server.problems.ProblemException;

/**
 * Which accounts a person may manage. An admin manages every account. A coordinator manages only the accounts of
 * field staff ({@link #FIELD_ROLES}: enumerators) whose sites all lie in the coordinator's own sites - or, for a
 * coordinator without sites, in the sites of the studies the server loaded - and may only create such an account or
 * turn one into another such account. A coordinator never creates, sees in the list, or changes an admin,
 * coordinator, safeguarding officer, data manager or principal investigator (those accounts reach keys, cases and
 * identities), nor their own account. Every other role manages no account.
 *
 * @param role  the acting person's role
 * @param sites the sites the coordinator may manage accounts at (unused for an admin)
 */
public record AccountScope(Role role, Set<String> sites) {
    /** The roles a coordinator may manage. */
    public static final Set<Role> FIELD_ROLES = Set.of(Role.ENUMERATOR);

    /** The scope of {@code who}; {@code knownSites}: the sites of every study the server loaded. */
    public static AccountScope of(FieldsafePrincipal who, Set<String> knownSites) {
        Set<String> own = who.sites() == null || who.sites().isEmpty() ? knownSites : Set.copyOf(who.sites());
        return new AccountScope(who.role(), own);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** True when the scope may manage an account with this role and these sites. */
    public boolean covers(String accountRole, Collection<String> accountSites) {
        if (isAdmin()) {
            return true;
        }
        return role == Role.COORDINATOR && Role.parse(accountRole).filter(FIELD_ROLES::contains).isPresent()
                && !accountSites.isEmpty() && sites.containsAll(accountSites);
    }

    /** Refuses (403 {@code account-not-manageable}) an account this scope may not manage. */
    public void require(String accountRole, Collection<String> accountSites) {
        if (!covers(accountRole, accountSites)) {
            throw refused();
        }
    }

    /** The refusal: the same words whatever the account, so that it tells nothing about it. */
    public static ProblemException refused() {
        return ProblemException.forbidden("account-not-manageable", "Account not yours to manage",
                "A coordinator manages only enumerator accounts at their own sites; an admin manages the others.");
    }
}
