package io.promptcms.prompt;

/** Reads the full content of a stored prompt or version, whichever way {@link ContentStore} kept it. */
@FunctionalInterface
public interface ContentReader {

    String read(StoredPrompt item);
}
