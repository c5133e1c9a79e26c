package org.fieldsafe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.fieldsafe.server.config.RespondentCodesConfig;
import org.junit.jupiter.api.Test;

/** Where the key that wraps the respondent-code keys lives (docs/sealing.md); without a place, no start. */
class CodeKeyFileTest {

    @Test
    void codeKeyFile_sqliteWithoutKeyFile_isBesideTheDatabase() {
        FieldsafeConfiguration config = new FieldsafeConfiguration();
        config.database().setUrl("jdbc:sqlite:/srv/fieldsafe/data/fieldsafe.db");
        assertThat(FieldsafeApplication.codeKeyFile(config)).isEqualTo(Path.of("/srv/fieldsafe/data/code-key.key"));
    }

    @Test
    void codeKeyFile_configured_isTheConfiguredFile() {
        FieldsafeConfiguration config = new FieldsafeConfiguration();
        config.database().setUrl("jdbc:postgresql://db.example.org/fieldsafe");
        config.setRespondentCodes(new RespondentCodesConfig("/run/secrets/code-key"));
        assertThat(FieldsafeApplication.codeKeyFile(config)).isEqualTo(Path.of("/run/secrets/code-key"));
    }

    @Test
    void codeKeyFile_postgresWithoutKeyFile_refusesToStart() {
        FieldsafeConfiguration config = new FieldsafeConfiguration();
        config.database().setUrl("jdbc:postgresql://db.example.org/fieldsafe");
        assertThatThrownBy(() -> FieldsafeApplication.codeKeyFile(config))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("respondentCodes.keyFile");
    }
}
