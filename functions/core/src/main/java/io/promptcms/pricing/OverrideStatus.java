package io.promptcms.pricing;

import io.promptcms.common.Timestamps;
import java.time.Instant;

/**
 * The state of the operator's overrides as {@code GET /models} reports it: {@code none} (no file), {@code loaded}
 * (applied at {@code loadedAt}), {@code invalid} (refused with {@code error}; the last good overrides stay in force)
 * or {@code unavailable} (could not be read; same).
 */
public record OverrideStatus(String status, String loadedAt, String error) {

    static OverrideStatus none() {
        return new OverrideStatus("none", null, null);
    }

    static OverrideStatus loaded(Instant at) {
        return new OverrideStatus("loaded", Timestamps.format(at), null);
    }

    OverrideStatus failed(String status, String error) {
        return new OverrideStatus(status, loadedAt, error);
    }
}
