package io.promptcms.idempotency;

import java.util.Map;

/** The response of a completed request, kept to be replayed; {@code body} may be null. */
public record StoredResponse(int status, Map<String, String> headers, String body) {

    public StoredResponse {
        headers = Map.copyOf(headers);
    }
}
