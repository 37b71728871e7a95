package io.promptcms.collection;

/** A collection as the API shows it; {@code promptCount} is filled only when one collection is read. */
public record Collection(String id, String name, String description, String createdAt, String updatedAt, long revision, Long promptCount) {

    static Collection of(CollectionItem item, Long promptCount) {
        return new Collection(item.getId(), item.getName(), item.getDescription(), item.getCreatedAt(), item.getUpdatedAt(),
                item.getRevision(), promptCount);
    }
}
