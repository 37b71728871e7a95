package io.promptcms.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.promptcms.collection.CollectionItem;
import io.promptcms.prompt.PromptTable;
import io.promptcms.prompt.StoredPrompt;
import io.promptcms.search.OpenSearchClients;
import io.promptcms.search.PromptDocument;
import io.promptcms.search.PromptIndexer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.VersionType;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes generated prompts to the prompts table (BatchWriteItem of 25, {@value #DYNAMO_WRITERS} writers) and to the
 * index (bulk requests of up to {@value #BULK_BYTES} bytes, each item's result checked), as they come: only the
 * writes in flight are held ({@value #DYNAMO_IN_FLIGHT} batches, {@value #BULKS_IN_FLIGHT} bulks), so memory stays
 * bounded whatever the corpus size. Index documents are {@link PromptDocument#of} with the indexer's external
 * version: what the stream indexer writes for the same items.
 */
final class SearchCorpusLoader implements AutoCloseable {

    private static final int DYNAMO_WRITERS = 8;
    private static final int DYNAMO_IN_FLIGHT = 64;
    private static final int BATCH = 25;
    private static final long BULK_BYTES = 4L * 1024 * 1024;
    private static final int BULKS_IN_FLIGHT = 2;
    private static final int OPERATION_OVERHEAD = 256;

    private final DynamoDbClient dynamo;
    private final String promptsTable;
    private final OpenSearchClient search;
    private final String alias;
    private final ExecutorService dynamoWriters = Executors.newFixedThreadPool(DYNAMO_WRITERS);
    private final ExecutorService bulkSenders = Executors.newFixedThreadPool(BULKS_IN_FLIGHT);
    private final Semaphore dynamoSlots = new Semaphore(DYNAMO_IN_FLIGHT);
    private final Semaphore bulkSlots = new Semaphore(BULKS_IN_FLIGHT);
    private final List<Future<?>> pending = new ArrayList<>();
    private List<WriteRequest> batch = new ArrayList<>(BATCH);
    private List<BulkOperation> bulk = new ArrayList<>();
    private long bulkBytes;

    SearchCorpusLoader(DynamoDbClient dynamo, String promptsTable, OpenSearchClient search, String alias) {
        this.dynamo = dynamo;
        this.promptsTable = promptsTable;
        this.search = search;
        this.alias = alias;
    }

    void collections(String table, List<CollectionItem> items) {
        for (int from = 0; from < items.size(); from += BATCH) {
            writeAll(table, items.subList(from, Math.min(items.size(), from + BATCH)).stream()
                    .map(item -> WriteRequest.builder().putRequest(p -> p.item(CollectionItem.SCHEMA.itemToMap(item, true))).build()).toList());
        }
    }

    void add(StoredPrompt item, String content) throws InterruptedException {
        batch.add(WriteRequest.builder().putRequest(p -> p.item(PromptTable.item(item))).build());
        if (batch.size() == BATCH) {
            flushBatch();
        }
        PromptDocument document = PromptDocument.of(item, content);
        long version = PromptIndexer.externalVersion(item);
        bulk.add(BulkOperation.of(b -> b.index(i -> i.index(alias).id(item.id()).version(version).versionType(VersionType.External).document(document))));
        bulkBytes += size(document) + OPERATION_OVERHEAD;
        if (bulkBytes >= BULK_BYTES) {
            flushBulk();
        }
    }

    /** Sends what is left and waits for every write; throws if any failed. */
    void finish() throws Exception {
        if (!batch.isEmpty()) {
            flushBatch();
        }
        if (!bulk.isEmpty()) {
            flushBulk();
        }
        for (Future<?> write : pending) {
            write.get();
        }
        pending.clear();
        search.indices().refresh(r -> r.index(alias));
    }

    private void flushBatch() throws InterruptedException {
        List<WriteRequest> full = batch;
        batch = new ArrayList<>(BATCH);
        dynamoSlots.acquire();
        track(dynamoWriters.submit(() -> {
            try {
                writeAll(promptsTable, full);
            } finally {
                dynamoSlots.release();
            }
        }));
    }

    private void flushBulk() throws InterruptedException {
        List<BulkOperation> full = bulk;
        bulk = new ArrayList<>();
        bulkBytes = 0;
        bulkSlots.acquire();
        track(bulkSenders.submit(() -> {
            try {
                sendBulk(full);
            } finally {
                bulkSlots.release();
            }
        }));
    }

    /** Keeps the futures to check at the end, dropping those already done without failure (so the list stays short). */
    private void track(Future<?> write) {
        pending.removeIf(f -> f.isDone() && f.state() == Future.State.SUCCESS);
        pending.add(write);
    }

    private void sendBulk(List<BulkOperation> operations) {
        try {
            var response = search.bulk(b -> b.index(alias).operations(operations));
            for (var item : response.items()) {
                if (item.error() != null) {
                    throw new IllegalStateException("bulk item " + item.id() + ": " + item.status() + " " + item.error().reason());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("bulk of " + operations.size() + " documents failed", e);
        }
    }

    private void writeAll(String table, List<WriteRequest> requests) {
        Map<String, List<WriteRequest>> unwritten = Map.of(table, requests);
        for (int attempt = 0; !unwritten.isEmpty(); attempt++) {
            if (attempt == 10) {
                throw new IllegalStateException("DynamoDB (moto) left items unwritten");
            }
            Map<String, List<WriteRequest>> request = unwritten;
            unwritten = dynamo.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
        }
    }

    private static long size(PromptDocument document) {
        try {
            return OpenSearchClients.MAPPER.writeValueAsBytes(document).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        dynamoWriters.shutdownNow();
        bulkSenders.shutdownNow();
    }
}
