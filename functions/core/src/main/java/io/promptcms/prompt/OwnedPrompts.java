package io.promptcms.prompt;

import io.promptcms.aws.BatchGet;
import io.promptcms.common.Ids;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Which prompt ids belong to an owner, read from the prompts table with only {@code id} and {@code ownerId}
 * projected (prompts can be large; usage needs to know only whose they are).
 */
public final class OwnedPrompts {

    private final DynamoDbClient dynamo;
    private final String promptsTable;

    public OwnedPrompts(DynamoDbClient dynamo, String promptsTable) {
        this.dynamo = dynamo;
        this.promptsTable = promptsTable;
    }

    public boolean owns(String ownerId, String promptId) {
        return ownedAmong(ownerId, List.of(promptId)).contains(promptId);
    }

    /** The ids among {@code promptIds} that exist and belong to {@code ownerId}. */
    public Set<String> ownedAmong(String ownerId, Collection<String> promptIds) {
        List<String> candidates = promptIds.stream().distinct().filter(id -> Ids.looksLike(PromptService.ID_PREFIX, id)).toList();
        Set<String> owned = new HashSet<>();
        for (int from = 0; from < candidates.size(); from += BatchGet.MAX_KEYS) {
            List<Map<String, AttributeValue>> keys = candidates.subList(from, Math.min(candidates.size(), from + BatchGet.MAX_KEYS)).stream()
                    .map(PromptSchemas::key).toList();
            for (Map<String, AttributeValue> item : read(keys)) {
                StoredPrompt prompt = PromptSchemas.PROMPT.mapToItem(item);
                if (ownerId.equals(prompt.ownerId())) {
                    owned.add(prompt.id());
                }
            }
        }
        return owned;
    }

    private List<Map<String, AttributeValue>> read(List<Map<String, AttributeValue>> keys) {
        return BatchGet.all(dynamo, promptsTable, KeysAndAttributes.builder().keys(keys)
                .projectionExpression(PromptSchemas.ID + ", " + PromptSchemas.OWNER_ID).consistentRead(true).build());
    }
}
