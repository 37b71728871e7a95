package io.promptcms.api.indexer;

import io.promptcms.prompt.ContentStore;
import io.promptcms.prompt.PromptItem;

/**
 * PLACEHOLDER until the real ContentStore is merged: reads content stored as is in the item and fails the record
 * (so it is retried, then parked in the failure queue) when the content is compressed or in S3.
 */
final class InlineContentOnly implements ContentStore {

    @Override
    public void write(PromptItem item, String content) {
        throw new UnsupportedOperationException("the indexer only reads content");
    }

    @Override
    public String read(PromptItem item) {
        if (item.getContentGz() != null || item.getContentRef() != null) {
            throw new IllegalStateException("prompt " + item.getId() + " has compressed or S3 content, which needs the real ContentStore");
        }
        return item.getContent();
    }
}
