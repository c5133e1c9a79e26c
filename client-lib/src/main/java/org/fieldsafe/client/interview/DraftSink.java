package org.fieldsafe.client.interview;

/** Where autosaved drafts go: the ciphertext, with the listable summary stored beside it in the clear. */
public interface DraftSink {
    void save(DraftSummary summary, byte[] ciphertext) throws Exception;
}
