package io.promptcms.testing;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The tables of template.yaml this module's tests need, declared as the template declares them.
 * Stand-in until the shared {@code TemplateTables} (which reads template.yaml) lands; then delete this.
 */
public final class TestTables {

    private TestTables() {
    }

    /** ApiKeysTable: PK keyHash, GSI byUser (userId, createdAt). */
    public static void apiKeys(DynamoDbClient dynamo, String name) {
        create(dynamo, name, "keyHash", "byUser", "userId", "createdAt");
    }

    /** CollectionsTable: PK id, GSI byOwner (ownerId, ownerSort). */
    public static void collections(DynamoDbClient dynamo, String name) {
        create(dynamo, name, "id", "byOwner", "ownerId", "ownerSort");
    }

    /** PromptsTable: PK id, GSI byOwner (ownerId, ownerSort). The stream is irrelevant here. */
    public static void prompts(DynamoDbClient dynamo, String name) {
        create(dynamo, name, "id", "byOwner", "ownerId", "ownerSort");
    }

    private static void create(DynamoDbClient dynamo, String name, String hashKey, String index, String indexHash, String indexRange) {
        dynamo.createTable(r -> r.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        string(hashKey), string(indexHash), string(indexRange))
                .keySchema(KeySchemaElement.builder().attributeName(hashKey).keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(index)
                        .keySchema(List.of(
                                KeySchemaElement.builder().attributeName(indexHash).keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName(indexRange).keyType(KeyType.RANGE).build()))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                        .build()));
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }
}
