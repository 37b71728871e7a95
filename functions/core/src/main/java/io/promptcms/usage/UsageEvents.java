package io.promptcms.usage;

import io.promptcms.common.Page;

/** The store of raw usage events (kept for a retention period the template sets; rollups outlive them). */
public interface UsageEvents {

    /** Records the event unless one with its id exists: true when written, false for a duplicate (nothing changes). */
    boolean record(UsageEvent event);

    /** One owner's events for one prompt, newest first. */
    Page<UsageEvent> byPrompt(String ownerId, String promptId, int limit, String cursor);
}
