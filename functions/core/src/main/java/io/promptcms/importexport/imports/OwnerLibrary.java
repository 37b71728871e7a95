package io.promptcms.importexport.imports;

import io.promptcms.auth.Principal;
import io.promptcms.collection.Collection;
import io.promptcms.collection.CollectionService;
import io.promptcms.common.Page;
import io.promptcms.common.PageCursor;
import io.promptcms.prompt.PromptRepository;
import io.promptcms.prompt.StoredPrompt;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an import needs to know of the owner's library, read once at the start: the ids, names and content
 * fingerprints of their prompts (from the byOwner index, no content) and their collections by name. A fingerprint is
 * kept as its first 64 bits ({@link #fingerprintKey}), next to the id string the library holds anyway. Collections the file names
 * but the owner lacks are created on the way (not in a dry run).
 */
final class OwnerLibrary {

    private final Principal owner;
    private final CollectionService collections;
    private final Set<String> promptIds = new HashSet<>();
    private final Map<String, String> promptIdByName = new HashMap<>();
    private final Map<String, String> promptNameByFold = new HashMap<>();
    private final Map<Long, String> promptIdByFingerprint = new HashMap<>();
    private final Map<String, String> collectionIdByFold = new HashMap<>();
    private final Set<String> collectionIds = new HashSet<>();

    private OwnerLibrary(Principal owner, CollectionService collections) {
        this.owner = owner;
        this.collections = collections;
    }

    static OwnerLibrary load(String ownerId, PromptRepository prompts, CollectionService collections) {
        var library = new OwnerLibrary(new Principal(ownerId, null, null, Set.of()), collections);
        for (StoredPrompt item : prompts.namesOf(ownerId)) {
            library.promptIds.add(item.id());
            library.promptIdByName.putIfAbsent(item.fields().name(), item.id());
            library.promptNameByFold.putIfAbsent(fold(item.fields().name()), item.fields().name());
            if (item.contentFingerprint() != null) {
                library.promptIdByFingerprint.putIfAbsent(fingerprintKey(item.contentFingerprint()), item.id());
            }
        }
        String cursor = null;
        do {
            Page<Collection> page = collections.list(library.owner, PageCursor.MAX_LIMIT, Optional.ofNullable(cursor));
            page.items().forEach(library::addCollection);
            cursor = page.nextCursor();
        } while (cursor != null);
        return library;
    }

    /** Names that differ only in case or whitespace fold to the same key: likely duplicates. */
    static String fold(String name) {
        return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /**
     * The first 64 bits of a content fingerprint, never 0 (the empty slot of {@link SeenNames}): two different
     * contents share one with a probability of about n²/2⁶⁵ (3·10⁻¹⁰ for 100,000 prompts).
     */
    static long fingerprintKey(String fingerprint) {
        long key = Long.parseUnsignedLong(fingerprint.substring(0, 16), 16);
        return key == 0 ? 1 : key;
    }

    /** The id of an existing prompt whose content has this fingerprint key, or null. */
    String promptWithFingerprint(long key) {
        return promptIdByFingerprint.get(key);
    }

    boolean ownsPrompt(String id) {
        return id != null && promptIds.contains(id);
    }

    /** The id of an existing prompt with exactly this name, or null. */
    String promptNamed(String name) {
        return promptIdByName.get(name);
    }

    /** The name of an existing prompt that folds like {@code name} but differs from it, or null. */
    String similarPromptName(String name) {
        String similar = promptNameByFold.get(fold(name));
        return similar == null || similar.equals(name) ? null : similar;
    }

    boolean ownsCollection(String id) {
        return collectionIds.contains(id);
    }

    /** The subset of {@code ids} that are the owner's collections (the validator's lookup, from memory). */
    Set<String> ownedCollections(java.util.Collection<String> ids) {
        Set<String> owned = new HashSet<>(ids);
        owned.retainAll(collectionIds);
        return owned;
    }

    /** The id of the owner's collection with this name (ignoring case), or null. */
    String collectionNamed(String name) {
        return collectionIdByFold.get(fold(name));
    }

    /** Creates the collection (validation failures are the caller's row errors) and remembers it. */
    String createCollection(String name) {
        Collection created = collections.create(owner, name, null);
        addCollection(created);
        return created.id();
    }

    private void addCollection(Collection collection) {
        collectionIds.add(collection.id());
        collectionIdByFold.putIfAbsent(fold(collection.name()), collection.id());
    }
}
