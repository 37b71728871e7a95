package io.promptcms.collection;

import io.promptcms.common.ApiException;
import io.promptcms.common.ProblemType;
import io.promptcms.prompt.PromptTable;
import io.promptcms.prompt.StoredPrompt;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Which of an owner's prompts belong to a collection, read from the prompts table: membership lives on the
 * prompt ({@code collectionIds}), so a collection knows its prompts only through the owner's {@code byOwner}
 * index filtered by collection ({@link PromptTable#members}). That read costs the owner's whole partition of the
 * index, which is acceptable for counts on a single GET and for the rare collection delete.
 */
final class PromptMemberships {

    /** Attempts per prompt when concurrent edits keep changing its revision under us. */
    private static final int MAX_ATTEMPTS = 5;

    private final DynamoDbClient dynamo;
    private final PromptTable prompts;

    PromptMemberships(DynamoDbClient dynamo, String promptsTable) {
        this.dynamo = dynamo;
        this.prompts = new PromptTable(promptsTable);
    }

    long count(String ownerId, String collectionId) {
        long total = 0;
        for (QueryResponse page : dynamo.queryPaginator(prompts.countMembers(ownerId, collectionId))) {
            total += page.count();
        }
        return total;
    }

    /** Takes {@code collectionId} out of every prompt of the owner; each prompt's revision grows, nothing else changes. */
    void removeEverywhere(String ownerId, String collectionId) {
        for (QueryResponse page : dynamo.queryPaginator(prompts.members(ownerId, collectionId))) {
            page.items().forEach(prompt -> remove(ownerId, collectionId, PromptTable.read(prompt)));
        }
    }

    /** Package-visible so a test can hand it a stale read, as an eventually consistent index can. */
    void remove(String ownerId, String collectionId, StoredPrompt prompt) {
        StoredPrompt current = prompt;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            if (!stillMember(current, ownerId, collectionId)) {
                return;
            }
            List<String> remaining = current.collectionIds().stream().filter(id -> !collectionId.equals(id)).toList();
            try {
                // Conditional on the revision we read: a concurrent prompt edit is never overwritten, we re-read and retry.
                dynamo.updateItem(prompts.membershipChanged(current, remaining));
                return;
            } catch (ConditionalCheckFailedException e) {
                var reread = dynamo.getItem(prompts.membership(prompt.id()));
                current = reread.hasItem() && !reread.item().isEmpty() ? PromptTable.read(reread.item()) : null;
            }
        }
        throw new ApiException(ProblemType.CONFLICT, "prompt " + prompt.id() + " kept changing while the collection was removed from it; retry the delete");
    }

    /** False once the prompt is gone, changed owner, or no longer lists the collection. */
    private static boolean stillMember(StoredPrompt prompt, String ownerId, String collectionId) {
        if (prompt == null || prompt.collectionIds() == null || prompt.revision() == null) {
            return false;
        }
        return (prompt.ownerId() == null || ownerId.equals(prompt.ownerId())) && prompt.collectionIds().contains(collectionId);
    }
}
