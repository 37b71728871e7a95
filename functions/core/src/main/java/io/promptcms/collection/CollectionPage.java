package io.promptcms.collection;

import java.util.List;

/** One page of the caller's collections, newest first; {@code nextCursor} is null on the last page. */
public record CollectionPage(List<Collection> items, String nextCursor) {
}
