package org.fieldsafe.server.resources.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Role;
import org.junit.jupiter.api.Test;

/** Jersey's filter reuses an earlier lookup only when it is one, of the very token it reads. */
class TokenLookupTest {
    private static final FieldsafePrincipal ADMIN = new FieldsafePrincipal("admin", Role.ADMIN, List.of(), "hash",
            null);

    @Test
    void of_lookupOfThisToken_reused() {
        TokenLookup found = new TokenLookup("token-a", Optional.of(ADMIN));
        assertThat(TokenLookup.of(found, "token-a")).isSameAs(found);
        assertThat(TokenLookup.of(found, "token-a").principal()).contains(ADMIN);
        TokenLookup unknown = new TokenLookup("token-b", Optional.empty());
        assertThat(TokenLookup.of(unknown, "token-b").principal()).isEmpty();
    }

    @Test
    void of_anotherTokenOrNoLookup_none() {
        TokenLookup found = new TokenLookup("token-a", Optional.of(ADMIN));
        assertThat(TokenLookup.of(found, "token-b")).isNull();
        assertThat(TokenLookup.of(found, "token-a ")).isNull();
        assertThat(TokenLookup.of("token-a", "token-a")).as("only a lookup this process made").isNull();
        assertThat(TokenLookup.of(null, "token-a")).isNull();
    }

    @Test
    void toString_tokenRedacted() {
        assertThat(new TokenLookup("token-secret", Optional.of(ADMIN)).toString()).doesNotContain("token-secret");
        assertThat(new BearerTokenFilter.Bearer("token-secret", null).toString()).doesNotContain("token-secret");
    }
}
