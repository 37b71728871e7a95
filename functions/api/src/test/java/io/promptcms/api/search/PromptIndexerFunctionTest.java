package io.promptcms.api.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.local.engine.SharedEngines;
import io.promptcms.prompt.PromptFields;
import io.promptcms.prompt.PromptTable;
import io.promptcms.prompt.StoredPrompt;
import io.promptcms.search.OpenSearchClients;
import io.promptcms.search.PromptIndexAdmin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.core.GetResponse;

class PromptIndexerFunctionTest {

    private static final String ALIAS = "prompts";
    private static final String SAMPLE = "../../events/dynamodb-stream-prompts.json";
    private static final AtomicLong SEQUENCE = new AtomicLong(4421590000000000000L);

    private static OpenSearchClient client;
    private static PromptIndexerFunction function;

    @BeforeAll
    static void start() {
        Env env = Env.of(Map.of(
                EnvNames.OPENSEARCH_ENDPOINT, SharedEngines.openSearchUrl(),
                EnvNames.OPENSEARCH_ALIAS, ALIAS,
                EnvNames.BUCKET_NAME, "promptcms-test"));
        client = OpenSearchClients.create(env);
        new PromptIndexAdmin(client, ALIAS).ensureIndex();
        function = new PromptIndexerFunction(env);
    }

    @Test
    void sampleStreamBatchIndexesInsertsAndModificationsAndRemovesDeletions() throws IOException {
        DynamodbEvent sample = EventLoader.loadDynamoDbEvent(SAMPLE);
        StoredPrompt removed = prompt("prm_9a1c3e5g7j9l1n3p", 7, "Old newsletter intro");
        assertEquals(List.of(), handle(insert(removed)));

        assertEquals(List.of(), handle(sample));

        var support = get("prm_7k2m9x4q1c8v0b3n");
        assertEquals(2L << 32, support.version(), "revision 2, no usage counted yet");
        assertEquals("Support reply drafter (polite)", support.source().get("name"));
        assertEquals(List.of("support", "customer-care"), support.source().get("tags"));
        assertEquals(true, support.source().get("favorite"));
        var sql = get("prm_2d5h8j1n4r7t0w3y");
        assertEquals("tea_0q8w6e4r2t1y9u7i", sql.source().get("teamId"));
        assertEquals(List.of("col_5t3r1e9w7q5a3s1d"), sql.source().get("collectionIds"));
        assertEquals(0.0384, sql.source().get("totalCostUsd"));
        assertFalse(get("prm_9a1c3e5g7j9l1n3p").found());
    }

    @Test
    void redeliveredSampleBatchReportsNoFailure() {
        handle(EventLoader.loadDynamoDbEvent(SAMPLE));

        assertEquals(List.of(), handle(EventLoader.loadDynamoDbEvent(SAMPLE)));
    }

    @Test
    void handBuiltInsertModifyRemoveBatchLeavesNoDocument() throws IOException {
        String id = newId();
        StoredPrompt created = prompt(id, 1, "Draft");
        StoredPrompt renamed = prompt(id, 2, "Final");

        assertEquals(List.of(), handle(batch(insert(created), modify(created, renamed))));
        assertEquals("Final", get(id).source().get("name"));

        assertEquals(List.of(), handle(batch(remove(renamed))));
        assertFalse(get(id).found());
    }

    @Test
    void reportsOnlyTheFirstFailedRecordAndAppliesTheOthers() throws IOException {
        StoredPrompt good = prompt(newId(), 1, "Good");
        StoredPrompt badDate = prompt(newId(), 1, "Bad date").toBuilder().createdAt("yesterday").build();
        StoredPrompt alsoGood = prompt(newId(), 1, "Also good");
        DynamodbStreamRecord removeWithoutImage = remove(prompt(newId(), 1, "No image"));
        removeWithoutImage.getDynamodb().setOldImage(null);
        DynamodbEvent event = batch(insert(good), insert(badDate), insert(alsoGood), removeWithoutImage);

        List<String> failures = handle(event);

        assertEquals(List.of(event.getRecords().get(1).getDynamodb().getSequenceNumber()), failures);
        assertTrue(get(good.id()).found());
        assertTrue(get(alsoGood.id()).found());
    }

    @Test
    void unreadableRecordIsReportedEvenWhenItIsTheOnlyFailure() {
        DynamodbStreamRecord removeWithoutImage = remove(prompt(newId(), 1, "No image"));
        removeWithoutImage.getDynamodb().setOldImage(null);
        DynamodbEvent event = batch(insert(prompt(newId(), 1, "Fine")), removeWithoutImage);

        assertEquals(List.of(removeWithoutImage.getDynamodb().getSequenceNumber()), handle(event));
    }

    private static List<String> handle(DynamodbStreamRecord... records) {
        return handle(batch(records));
    }

    private static List<String> handle(DynamodbEvent event) {
        StreamsEventResponse response = function.handleRequest(event, null);
        List<String> failures = response.getBatchItemFailures().stream().map(BatchItemFailure::getItemIdentifier).toList();
        refresh();
        return failures;
    }

    private static DynamodbEvent batch(DynamodbStreamRecord... records) {
        var event = new DynamodbEvent();
        event.setRecords(List.of(records));
        return event;
    }

    private static DynamodbStreamRecord insert(StoredPrompt item) {
        return record("INSERT", item, null);
    }

    private static DynamodbStreamRecord modify(StoredPrompt before, StoredPrompt after) {
        return record("MODIFY", after, before);
    }

    private static DynamodbStreamRecord remove(StoredPrompt before) {
        return record("REMOVE", null, before);
    }

    private static DynamodbStreamRecord record(String eventName, StoredPrompt newImage, StoredPrompt oldImage) {
        String id = (newImage != null ? newImage : oldImage).id();
        var stream = new StreamRecord()
                .withKeys(Map.of("id", new AttributeValue().withS(id)))
                .withSequenceNumber(String.valueOf(SEQUENCE.incrementAndGet()))
                .withStreamViewType(StreamViewType.NEW_AND_OLD_IMAGES);
        if (newImage != null) {
            stream.setNewImage(image(newImage));
        }
        if (oldImage != null) {
            stream.setOldImage(image(oldImage));
        }
        var record = new DynamodbStreamRecord();
        record.setEventID(UUID.randomUUID().toString());
        record.setEventName(eventName);
        record.setEventSource("aws:dynamodb");
        record.setDynamodb(stream);
        return record;
    }

    /** The item as the stream carries it: the table's attribute map in the Lambda events model. */
    private static Map<String, AttributeValue> image(StoredPrompt item) {
        return PromptTable.item(item).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> attribute(e.getValue())));
    }

    private static AttributeValue attribute(software.amazon.awssdk.services.dynamodb.model.AttributeValue value) {
        return switch (value.type()) {
            case S -> new AttributeValue().withS(value.s());
            case N -> new AttributeValue().withN(value.n());
            case BOOL -> new AttributeValue().withBOOL(value.bool());
            case L -> new AttributeValue().withL(value.l().stream().map(PromptIndexerFunctionTest::attribute).toList());
            case M -> new AttributeValue().withM(value.m().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> attribute(e.getValue()))));
            default -> throw new IllegalArgumentException("no test prompt uses " + value.type());
        };
    }

    private static StoredPrompt prompt(String id, long revision, String name) {
        return StoredPrompt.builder()
                .id(id)
                .ownerId("usr_4f8e2a9c")
                .fields(new PromptFields(name, null, null, new ArrayList<>(List.of("test")), null, null, null))
                .content("Content of " + name)
                .visibility("private")
                .version(1L)
                .revision(revision)
                .favorite(false)
                .createdAt("2026-01-05T10:00:00.000Z")
                .updatedAt("2026-01-05T10:00:00.000Z")
                .build();
    }

    @SuppressWarnings("rawtypes")
    private static GetResponse<Map> get(String id) throws IOException {
        return client.get(r -> r.index(ALIAS).id(id), Map.class);
    }

    private static void refresh() {
        try {
            client.indices().refresh(r -> r.index(ALIAS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String newId() {
        return "prm_" + UUID.randomUUID();
    }
}
