package io.promptcms.local.bootstrap;

import io.promptcms.local.template.LocalValues;
import io.promptcms.local.template.Template;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;

/** Creates every {@code AWS::DynamoDB::Table} of the template that does not exist yet, exactly as declared. */
public final class TableBootstrap {

    private final Template template;
    private final LocalValues values;

    public TableBootstrap(Template template, LocalValues values) {
        this.template = template;
        this.values = values;
    }

    /**
     * Creates the tables that do not exist, and adds to existing ones the global secondary indexes the template
     * declares and they lack (as a stack update does on AWS), so a kept local data dir follows the template.
     * @return the names of the tables it created
     */
    public List<String> createMissing(DynamoDbClient dynamo) {
        List<String> existing = dynamo.listTablesPaginator().tableNames().stream().toList();
        template.idsOfType(Template.TABLE).stream()
                .filter(id -> existing.contains(values.tableName(id)))
                .forEach(id -> addMissingIndexes(dynamo, id, values.tableName(id)));
        return template.idsOfType(Template.TABLE).stream()
                .filter(id -> !existing.contains(values.tableName(id)))
                .filter(id -> createAs(dynamo, id, values.tableName(id)))
                .map(values::tableName)
                .toList();
    }

    private void addMissingIndexes(DynamoDbClient dynamo, String logicalId, String name) {
        Map<String, Object> p = template.properties(logicalId);
        var table = dynamo.describeTable(r -> r.tableName(name)).table();
        List<String> present = table.globalSecondaryIndexes().stream().map(i -> i.indexName()).toList();
        for (GlobalSecondaryIndex index : globalIndexes(p)) {
            if (present.contains(index.indexName())) {
                continue;
            }
            List<String> keyAttributes = index.keySchema().stream().map(KeySchemaElement::attributeName).toList();
            dynamo.updateTable(r -> r.tableName(name)
                    .attributeDefinitions(attributeDefinitions(p).stream().filter(a -> keyAttributes.contains(a.attributeName())).toList())
                    .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName(index.indexName()).keySchema(index.keySchema())
                            .projection(index.projection()))));
        }
    }

    private static List<AttributeDefinition> attributeDefinitions(Map<String, Object> properties) {
        return maps(properties.get("AttributeDefinitions")).stream()
                .map(a -> AttributeDefinition.builder().attributeName(str(a, "AttributeName")).attributeType(str(a, "AttributeType")).build())
                .toList();
    }

    private static List<GlobalSecondaryIndex> globalIndexes(Map<String, Object> properties) {
        return maps(properties.get("GlobalSecondaryIndexes")).stream()
                .map(i -> GlobalSecondaryIndex.builder().indexName(str(i, "IndexName")).keySchema(keySchema(i.get("KeySchema")))
                        .projection(projection(i.get("Projection"))).build())
                .toList();
    }

    /**
     * Creates the table {@code logicalId} declares under another name (tests sharing one DynamoDB (moto) prefix
     * theirs); false when it exists already.
     */
    public boolean createAs(DynamoDbClient dynamo, String logicalId, String name) {
        Map<String, Object> p = template.properties(logicalId);
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributeDefinitions(p))
                .keySchema(keySchema(p.get("KeySchema")));
        List<GlobalSecondaryIndex> gsis = globalIndexes(p);
        if (!gsis.isEmpty()) {
            request.globalSecondaryIndexes(gsis);
        }
        List<LocalSecondaryIndex> lsis = maps(p.get("LocalSecondaryIndexes")).stream()
                .map(i -> LocalSecondaryIndex.builder().indexName(str(i, "IndexName")).keySchema(keySchema(i.get("KeySchema")))
                        .projection(projection(i.get("Projection"))).build())
                .toList();
        if (!lsis.isEmpty()) {
            request.localSecondaryIndexes(lsis);
        }
        if (p.get("StreamSpecification") instanceof Map<?, ?> stream) {
            request.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                    .streamViewType(String.valueOf(stream.get("StreamViewType"))).build());
        }
        try {
            dynamo.createTable(request.build());
        } catch (ResourceInUseException raced) {
            return false;
        }
        if (p.get("TimeToLiveSpecification") instanceof Map<?, ?> ttl && Boolean.parseBoolean(String.valueOf(ttl.get("Enabled")))) {
            dynamo.updateTimeToLive(r -> r.tableName(name).timeToLiveSpecification(TimeToLiveSpecification.builder()
                    .attributeName(String.valueOf(ttl.get("AttributeName"))).enabled(true).build()));
        }
        return true;
    }

    private static List<KeySchemaElement> keySchema(Object node) {
        return maps(node).stream()
                .map(k -> KeySchemaElement.builder().attributeName(str(k, "AttributeName")).keyType(str(k, "KeyType")).build())
                .toList();
    }

    private static Projection projection(Object node) {
        Map<String, Object> p = node instanceof Map<?, ?> ? cast(node) : Map.of();
        Projection.Builder projection = Projection.builder().projectionType(String.valueOf(p.getOrDefault("ProjectionType", "ALL")));
        if (p.get("NonKeyAttributes") instanceof List<?> attributes) {
            projection.nonKeyAttributes(attributes.stream().map(String::valueOf).toList());
        }
        return projection.build();
    }

    private static List<Map<String, Object>> maps(Object node) {
        return node instanceof List<?> list ? list.stream().map(TableBootstrap::cast).toList() : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object node) {
        return (Map<String, Object>) node;
    }

    private static String str(Map<String, Object> map, String key) {
        return String.valueOf(map.get(key));
    }
}
