package org.fieldsafe.server.cli;

import org.fieldsafe.core.crypto.StudyKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code admin keys transcription --study S --holder USER}: the study's X25519 transcription key pair, made on this
 * machine like the other study keys; transcripts and translations are sealed to it beside the research key. The
 * private key goes to the server only as the holder's pending copy under a one-time secret printed once.
 */
@Command(name = "transcription", mixinStandardHelpOptions = true,
        description = {"Create the study's X25519 transcription key pair on this machine, after 'keys init'. "
                + "Transcripts and translations are sealed to it beside the research key, so transcribers read them "
                + "without the research key; it opens nothing else and gives no exports. Its private key goes to the "
                + "server only as the holder's pending copy (purpose transcription), wrapped under a one-time secret "
                + "printed here once. The holder (a transcriber) sets their own passphrase with it: 'keys passphrase "
                + "--purpose transcription'. Set once per study."})
final class TranscriptionKeyCommand implements Runnable {
    @ParentCommand
    private KeysCommand keys;

    @Option(names = "--study", required = true, description = "Study id")
    private String study;

    @Option(names = "--holder", required = true, paramLabel = "USER",
            description = "The key's first holder: a transcriber")
    private String holder;

    @Override
    public void run() {
        KeysCommand.createForFirstHolder(keys.admin, study, "transcription", "Transcription", "X25519",
                StudyKeys.generateX25519(), holder);
    }
}
