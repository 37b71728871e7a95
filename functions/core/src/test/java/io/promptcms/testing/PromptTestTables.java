package io.promptcms.testing;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The tables the prompts feature uses, created as template.yaml declares them, under a name prefix so test
 * classes sharing one DynamoDB Local do not see each other's rows. (To be replaced by TemplateTables.)
 */
public final class PromptTestTables {

    private PromptTestTables() {
    }

    public record Names(String prompts, String versions, String collections, String idempotency) {
    }

    public static Names create(DynamoDbClient dynamo, String prefix) {
        var names = new Names(prefix + "-prompts", prefix + "-versions", prefix + "-collections", prefix + "-idempotency");
        createOwned(dynamo, names.prompts());
        createOwned(dynamo, names.collections());
        dynamo.createTable(b -> b.tableName(names.versions()).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("promptId", ScalarAttributeType.S), attribute("version", ScalarAttributeType.N))
                .keySchema(key("promptId", KeyType.HASH), key("version", KeyType.RANGE)));
        dynamo.createTable(b -> b.tableName(names.idempotency()).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("id", ScalarAttributeType.S))
                .keySchema(key("id", KeyType.HASH)));
        return names;
    }

    /** A table keyed by id with the byOwner index (ownerId, ownerSort), like the prompts and collections tables. */
    private static void createOwned(DynamoDbClient dynamo, String table) {
        dynamo.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("id", ScalarAttributeType.S), attribute("ownerId", ScalarAttributeType.S),
                        attribute("ownerSort", ScalarAttributeType.S))
                .keySchema(key("id", KeyType.HASH))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byOwner")
                        .keySchema(key("ownerId", KeyType.HASH), key("ownerSort", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    /** A collection as the collections feature stores it, reduced to what the prompts feature reads. */
    public static void putCollection(DynamoDbClient dynamo, Names names, String id, String ownerId) {
        dynamo.putItem(b -> b.tableName(names.collections()).item(Map.of(
                "id", AttributeValue.fromS(id),
                "ownerId", AttributeValue.fromS(ownerId),
                "ownerSort", AttributeValue.fromS("2024-01-01T00:00:00.000Z#" + id))));
    }
}
