package org.fieldsafe.server.export;

import org.fieldsafe.export.ExportRequest;
import org.fieldsafe.export.SealedSource;
import org.fieldsafe.server.auth.FieldsafePrincipal;

/**
 * Submissions a feature keeps outside the envelope store (OpenRosa's ODK-encrypted ones), added to an export by that
 * feature: {@link #open} runs while the export is requested (the holder's passphrase is still there, so the feature
 * unlocks its own key, audited), and the {@link Added} it returns wraps the stored source when the job runs and
 * forgets its key when closed.
 */
public interface AddedSources {
    /** No added submissions: the stored ones only. */
    AddedSources NONE = (request, who, passphrase, exportId) -> new Added() {
        @Override
        public SealedSource wrap(SealedSource stored) {
            return stored;
        }

        @Override
        public void close() {
        }
    };

    Added open(ExportRequest request, FieldsafePrincipal who, char[] passphrase, String exportId);

    /** What one export adds; closing it forgets any key it unlocked. */
    interface Added extends AutoCloseable {
        SealedSource wrap(SealedSource stored);

        @Override
        void close();
    }
}
