package io.promptcms.apikey;

/** A key just created: the only moment its {@code secret} exists outside the caller's hands. */
public record CreatedApiKey(String userId, ApiKeyView key, String secret) {
}
