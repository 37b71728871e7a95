package io.promptcms.local.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * What the project relies on from its DynamoDB engine (moto behind dynamodb_engine.py), each defect the launcher
 * fixes included, so that a change of moto cannot break the project silently. Durability has its own test.
 */
class DynamoDbEngineContractTest {

    private static final String TABLE = "Contract";
    private static DynamoDbEngine engine;
    private static DynamoDbClient dynamo;
    private static DynamoDbStreamsClient streams;

    @BeforeAll
    static void start() {
        engine = DynamoDbEngine.startInMemory();
        engine.awaitReady(java.time.Duration.ofSeconds(60));
        dynamo = Clients.dynamo(engine.url());
        streams = Clients.streams(engine.url());
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @BeforeEach
    void freshTable() {
        engine.reset();
        dynamo.createTable(r -> r.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("pk"), attribute("sk"), attribute("owner"), attribute("updatedAt"))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byOwner")
                        .keySchema(key("owner", KeyType.HASH), key("updatedAt", KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build())
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
    }

    @Test
    void conditionalUpdatesAreAtomicUnderConcurrency() throws Exception {
        put(item("counter", "0", Map.of("n", n("0"))));
        AtomicInteger granted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            calls.add(pool.submit(() -> {
                try {
                    dynamo.updateItem(r -> r.tableName(TABLE).key(key("counter", "0")).updateExpression("ADD n :one")
                            .conditionExpression("n < :limit").expressionAttributeValues(Map.of(":one", n("1"), ":limit", n("50"))));
                    granted.incrementAndGet();
                } catch (ConditionalCheckFailedException limited) {
                    // over the limit: the expected answer for 150 of the 200
                }
            }));
        }
        for (Future<?> call : calls) {
            call.get();
        }
        pool.shutdown();
        assertEquals(50, granted.get());
        assertEquals("50", get("counter", "0").get("n").n());
    }

    @Test
    void aCancelledTransactionChangesNothingAndNamesTheFailingItem() {
        put(item("a", "1", Map.of("owner", s("alice"), "updatedAt", s("1"), "v", n("1"))));
        put(item("b", "1", Map.of("v", n("1"))));
        var cancelled = assertThrows(TransactionCanceledException.class, () -> dynamo.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().update(u -> u.tableName(TABLE).key(key("a", "1"))
                        .updateExpression("SET v = :two, #o = :bob").expressionAttributeNames(Map.of("#o", "owner"))
                        .expressionAttributeValues(Map.of(":two", n("2"), ":bob", s("bob")))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(TABLE).item(item("c", "1", Map.of("owner", s("carol"), "updatedAt", s("1"))))).build(),
                TransactWriteItem.builder().conditionCheck(c -> c.tableName(TABLE).key(key("b", "1")).conditionExpression("v = :nine")
                        .expressionAttributeValues(Map.of(":nine", n("9")))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build())));
        var reasons = cancelled.cancellationReasons();
        assertEquals(List.of("None", "None", "ConditionalCheckFailed"), reasons.stream().map(r -> r.code()).toList());
        assertEquals("1", reasons.get(2).item().get("v").n());
        assertEquals("1", get("a", "1").get("v").n());
        assertTrue(get("c", "1").isEmpty());
        // the GSI index was rolled back too: alice still owns "a", bob and carol own nothing
        assertEquals(1, byOwner("alice", null).count());
        assertEquals(0, byOwner("bob", null).count());
        assertEquals(0, byOwner("carol", null).count());
    }

    @Test
    void addingKeepsPlainNotationAndThirtyEightDigits() {
        for (int i = 0; i < 3; i++) {
            dynamo.updateItem(r -> r.tableName(TABLE).key(key("cost", "0")).updateExpression("ADD c :tiny")
                    .expressionAttributeValues(Map.of(":tiny", n("1E-7"))));
        }
        String stored = get("cost", "0").get("c").n();
        assertEquals(0, new BigDecimal("0.0000003").compareTo(new BigDecimal(stored)));
        assertFalse(stored.contains("E"), stored);

        String big = "1234567890123456789012345678901234567"; // 37 digits: DynamoDB keeps up to 38
        dynamo.updateItem(r -> r.tableName(TABLE).key(key("big", "0")).updateExpression("ADD c :big")
                .expressionAttributeValues(Map.of(":big", n(big))));
        dynamo.updateItem(r -> r.tableName(TABLE).key(key("big", "0")).updateExpression("ADD c :one")
                .expressionAttributeValues(Map.of(":one", n("1"))));
        assertEquals(new BigDecimal(big).add(BigDecimal.ONE), new BigDecimal(get("big", "0").get("c").n()));
    }

    @Test
    void updatedNewReturnsEveryAttributeTheUpdateSetsChangedOrNot() {
        put(item("budget", "0", Map.of("limit", n("10"), "spent", n("2"), "note", s("x"))));
        var response = dynamo.updateItem(r -> r.tableName(TABLE).key(key("budget", "0"))
                .updateExpression("SET #l = :ten, note = :y ADD spent :zero").expressionAttributeNames(Map.of("#l", "limit"))
                .expressionAttributeValues(Map.of(":ten", n("10"), ":y", s("y"), ":zero", n("0"))).returnValues(ReturnValue.UPDATED_NEW));
        assertEquals(Set.of("limit", "note", "spent"), response.attributes().keySet());
        assertEquals("10", response.attributes().get("limit").n());
    }

    @Test
    void streamIteratorsSurviveACancelledTransactionAndAnUpdateThatCreatesWritesOneInsert() {
        String streamArn = dynamo.describeTable(r -> r.tableName(TABLE)).table().latestStreamArn();
        String shard = streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards().getFirst().shardId();
        String iterator = streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shard).shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
        assertThrows(TransactionCanceledException.class, () -> dynamo.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(TABLE).item(item("x", "1", Map.of()))).build(),
                TransactWriteItem.builder().conditionCheck(c -> c.tableName(TABLE).key(key("missing", "1")).conditionExpression("attribute_exists(pk)")).build())));
        dynamo.updateItem(r -> r.tableName(TABLE).key(key("created", "1")).updateExpression("SET v = :one").expressionAttributeValues(Map.of(":one", n("1"))));

        var records = streams.getRecords(r -> r.shardIterator(iterator)).records();
        assertEquals(List.of("INSERT"), records.stream().map(r -> r.eventNameAsString()).toList());
        assertEquals("1", records.getFirst().dynamodb().newImage().get("v").n());
    }

    @Test
    void anUnknownIteratorIsAnExpiredIteratorNotAServerError() {
        assertThrows(ExpiredIteratorException.class, () -> streams.getRecords(r -> r.shardIterator("no-such-iterator")));
    }

    @Test
    void queriesReadTheirPartitionInKeyOrderWithPaging() {
        for (int i = 0; i < 30; i++) {
            String sk = String.format("%03d", i);
            put(item(i % 2 == 0 ? "even" : "odd", sk, Map.of("owner", s(i % 3 == 0 ? "alice" : "bob"), "updatedAt", s(String.format("t%03d", 100 - i)))));
        }
        List<String> evens = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(r -> r.tableName(TABLE).keyConditionExpression("pk = :p")
                    .expressionAttributeValues(Map.of(":p", s("even"))).limit(4).exclusiveStartKey(from));
            page.items().forEach(item -> evens.add(item.get("sk").s()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        assertEquals(IntStream.range(0, 30).filter(i -> i % 2 == 0).mapToObj(i -> String.format("%03d", i)).toList(), evens);

        // alice's items newest first by the GSI's sort key; then an update moves one item to bob
        List<String> alice = byOwner("alice", false).items().stream().map(i -> i.get("updatedAt").s()).toList();
        assertEquals(List.of("t100", "t097", "t094", "t091", "t088", "t085", "t082", "t079", "t076", "t073"), alice);
        assertEquals(byOwnerPaged("bob", true), byOwner("bob", null).items());
        assertEquals(byOwnerPaged("bob", false).reversed(), byOwner("bob", null).items());
        dynamo.updateItem(r -> r.tableName(TABLE).key(key("even", "000")).updateExpression("SET #o = :b")
                .expressionAttributeNames(Map.of("#o", "owner")).expressionAttributeValues(Map.of(":b", s("bob"))));
        dynamo.deleteItem(r -> r.tableName(TABLE).key(key("odd", "003")));
        assertEquals(8, byOwner("alice", null).count());
        assertEquals(21, byOwner("bob", null).count());
    }

    @Test
    void parallelScanSegmentsWithPagingSeeEveryItemOnce() {
        for (int i = 0; i < 120; i++) {
            put(item("p" + (i % 7), String.format("%03d", i), Map.of()));
        }
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (int segment = 0; segment < 3; segment++) {
            int current = segment;
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                var page = dynamo.scan(r -> r.tableName(TABLE).segment(current).totalSegments(3).limit(10).exclusiveStartKey(from));
                for (var item : page.items()) {
                    seen.add(item.get("pk").s() + "/" + item.get("sk").s());
                    total++;
                }
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
        }
        assertEquals(120, seen.size());
        assertEquals(120, total);
    }

    @Test
    void aBatchWriteOfMoreThan25IsRefusedAsOnAws() {
        List<WriteRequest> requests = IntStream.range(0, 26)
                .mapToObj(i -> WriteRequest.builder().putRequest(p -> p.item(item("batch", Integer.toString(i), Map.of()))).build()).toList();
        var refused = assertThrows(DynamoDbException.class, () -> dynamo.batchWriteItem(r -> r.requestItems(Map.of(TABLE, requests))));
        assertEquals(400, refused.statusCode());
        assertEquals(0, dynamo.scan(r -> r.tableName(TABLE)).count());
    }

    /** Every item of the owner by the GSI, walked 3 a page in the given direction. */
    private List<Map<String, AttributeValue>> byOwnerPaged(String owner, boolean forward) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(r -> r.tableName(TABLE).indexName("byOwner").keyConditionExpression("#o = :o")
                    .expressionAttributeNames(Map.of("#o", "owner")).expressionAttributeValues(Map.of(":o", s(owner)))
                    .scanIndexForward(forward).limit(3).exclusiveStartKey(from));
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    /** The owner's items by the GSI: the first 10 in the given direction, or all of them when it is null. */
    private QueryResponse byOwner(String owner, Boolean forward) {
        return dynamo.query(r -> r.tableName(TABLE).indexName("byOwner").keyConditionExpression("#o = :o")
                .expressionAttributeNames(Map.of("#o", "owner")).expressionAttributeValues(Map.of(":o", s(owner)))
                .scanIndexForward(forward).limit(forward == null ? null : 10));
    }

    private static void put(Map<String, AttributeValue> item) {
        dynamo.putItem(r -> r.tableName(TABLE).item(item));
    }

    private static Map<String, AttributeValue> get(String pk, String sk) {
        return dynamo.getItem(r -> r.tableName(TABLE).key(key(pk, sk)).consistentRead(true)).item();
    }

    static Map<String, AttributeValue> item(String pk, String sk, Map<String, AttributeValue> rest) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(rest);
        item.putAll(key(pk, sk));
        return item;
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    /** SDK clients as the functions build them: explicit HTTP client, static local credentials, us-east-1. */
    static final class Clients {

        static DynamoDbClient dynamo(String url) {
            return DynamoDbClient.builder().endpointOverride(URI.create(url)).region(Region.US_EAST_1)
                    .httpClientBuilder(ApacheHttpClient.builder())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
        }

        static DynamoDbStreamsClient streams(String url) {
            return DynamoDbStreamsClient.builder().endpointOverride(URI.create(url)).region(Region.US_EAST_1)
                    .httpClientBuilder(ApacheHttpClient.builder())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
        }
    }
}
