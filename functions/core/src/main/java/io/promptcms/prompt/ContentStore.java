package io.promptcms.prompt;

/**
 * Keeps prompt content of up to 512 KB of UTF-8 under DynamoDB's 400 KB item limit, invisibly to the API:
 * small content is stored as is, larger content gzip-compressed, and content that is still too large
 * compressed goes to S3 behind a pointer. Used for prompts and their versions alike; the indexer only
 * reads ({@link ContentReader}) the content of a stream image.
 */
public interface ContentStore extends ContentReader {

    /** {@code item} holding {@code content}: exactly one of content / contentGz / contentRef, plus contentLength and contentPreview. */
    StoredPrompt write(StoredPrompt item, String content);

    /** Removes whatever this store keeps outside the items for a prompt that is being deleted. */
    void deleteAll(String promptId);
}
