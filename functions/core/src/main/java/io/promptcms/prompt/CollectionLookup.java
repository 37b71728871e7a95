package io.promptcms.prompt;

import java.util.Collection;
import java.util.Set;

/** Which collections exist and belong to a user: a prompt may only be filed into its owner's collections. */
@FunctionalInterface
public interface CollectionLookup {

    /** The subset of {@code collectionIds} that exist and are owned by {@code ownerId}. */
    Set<String> ownedBy(String ownerId, Collection<String> collectionIds);
}
