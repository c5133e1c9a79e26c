package org.fieldsafe.client.cli;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.fieldwork.InterviewCrypto;
import org.fieldsafe.client.interview.DraftCipher;
import org.fieldsafe.client.interview.PassphraseDraftCipher;
import picocli.CommandLine;

/**
 * One test's terminal and interview crypto, handed to {@link ClientMain} through its constructor: the lines typed
 * (none by default), the passphrases typed (no terminal by default), the sealer and the draft cipher.
 */
final class TestTerminal {
    Supplier<BufferedReader> input = () -> new BufferedReader(new StringReader(""));
    Function<String, char[]> passphrases = prompt -> null;
    InterviewCrypto.SealerFactory sealers;
    DraftCipher drafts = new PassphraseDraftCipher();

    TestTerminal(InterviewCrypto.SealerFactory sealers) {
        this.sealers = sealers;
    }

    /** The lines typed, each followed by Enter. */
    void type(String text) {
        input = () -> new BufferedReader(new StringReader(text));
    }

    CommandLine commandLine(Map<String, String> env, FieldsafeClient.Settings settings) {
        return ClientMain.commandLine(env, settings, new ClientMain.Terminal(input, passphrases),
                new InterviewCrypto(sealers, drafts));
    }
}
