package io.promptcms.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.promptcms.prompt.ContentReader;
import io.promptcms.prompt.StoredPrompt;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.VersionType;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;

/**
 * Applies prompt changes to the search index, one bulk request per batch (split at {@link #MAX_BULK_BYTES}).
 * Changes can arrive twice, late or out of order: each write carries an external version made of the prompt's
 * revision and usage revision ({@link #externalVersion}), so OpenSearch keeps the newest state and answers 409 to
 * anything older, which is success here.
 * A bulk answers 200 with per-item errors, so every item result is checked.
 */
public final class PromptIndexer {

    /** Amazon OpenSearch Service accepts up to 10 MiB per request on small instances; bulks stay well below. */
    static final long MAX_BULK_BYTES = 5L * 1024 * 1024;
    /** Action line and JSON framing of one operation, on top of its document. */
    private static final int OPERATION_OVERHEAD = 256;
    private static final int VERSION_CONFLICT = 409;
    /** Usage revisions live in the low 32 bits of the external version, the (editing) revision above them. */
    private static final int REVISION_SHIFT = 32;

    private static final System.Logger LOG = System.getLogger(PromptIndexer.class.getName());

    /** One change to apply; {@code recordId} names it in the result (e.g. a stream record's sequence number). */
    public sealed interface Change {
        String recordId();
    }

    /** The prompt exists in this state (created or modified). */
    public record Upsert(String recordId, StoredPrompt item) implements Change {
    }

    /** The prompt was deleted; {@code lastState} is its state before the deletion. */
    public record Delete(String recordId, StoredPrompt lastState) implements Change {
    }

    /**
     * A change that was not applied: {@code status} is the item's HTTP status in the bulk response, or 0 when the
     * bulk failed as a whole or the operation could not be built.
     */
    public record Failure(String recordId, int status, String reason) {

        /** Worth another attempt after a pause: the node was busy or down, not a document it rejects. */
        public boolean transientError() {
            return status == 0 || status == 429 || status >= 500;
        }
    }

    private record Operation(String recordId, BulkOperation bulk, long bytes) {
    }

    private final OpenSearchClient client;
    private final String alias;
    private final ContentReader contents;

    public PromptIndexer(OpenSearchClient client, String alias, ContentReader contents) {
        this.client = client;
        this.alias = alias;
        this.contents = contents;
    }

    /** Applies the changes in order; returns the record ids of those that failed (empty when all applied). */
    public Set<String> apply(List<? extends Change> changes) {
        Set<String> failed = new LinkedHashSet<>();
        applyReporting(changes).forEach(failure -> failed.add(failure.recordId()));
        return failed;
    }

    /** Applies the changes in order; returns why each change that failed did (empty when all applied). */
    public List<Failure> applyReporting(List<? extends Change> changes) {
        List<Failure> failed = new ArrayList<>();
        List<Operation> chunk = new ArrayList<>();
        long chunkBytes = 0;
        for (Change change : changes) {
            Operation operation;
            try {
                operation = operation(change);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "cannot build the index operation of record " + change.recordId(), e);
                failed.add(new Failure(change.recordId(), 0, e.toString()));
                continue;
            }
            if (!chunk.isEmpty() && chunkBytes + operation.bytes() > MAX_BULK_BYTES) {
                failed.addAll(send(chunk));
                chunk = new ArrayList<>();
                chunkBytes = 0;
            }
            chunk.add(operation);
            chunkBytes += operation.bytes();
        }
        if (!chunk.isEmpty()) {
            failed.addAll(send(chunk));
        }
        return failed;
    }

    private Operation operation(Change change) {
        return switch (change) {
            case Upsert upsert -> {
                StoredPrompt item = upsert.item();
                long version = externalVersion(item);
                PromptDocument document = PromptDocument.of(item, contents.read(item));
                var bulk = BulkOperation.of(b -> b.index(i -> i.index(alias).id(item.id())
                        .version(version).versionType(VersionType.External).document(document)));
                yield new Operation(change.recordId(), bulk, serializedSize(document) + OPERATION_OVERHEAD);
            }
            case Delete delete -> {
                StoredPrompt item = delete.lastState();
                // the first version of the next revision: a late upsert of any earlier state (whatever its usage) loses with a 409
                long version = (Objects.requireNonNull(item.revision(), "revision of " + item.id()) + 1) << REVISION_SHIFT;
                var bulk = BulkOperation.of(b -> b.delete(d -> d.index(alias).id(item.id())
                        .version(version).versionType(VersionType.External)));
                yield new Operation(change.recordId(), bulk, OPERATION_OVERHEAD);
            }
        };
    }

    /**
     * The OpenSearch external version of a prompt state: {@code (revision << 32) + usageRevision}. An edit (revision
     * grows) outranks any usage count, and counted usage (usage revision grows) outranks the same revision without it.
     */
    public static long externalVersion(StoredPrompt item) {
        long revision = Objects.requireNonNull(item.revision(), "revision of " + item.id());
        long usageRevision = item.usageRevision() == null ? 0 : item.usageRevision();
        return (revision << REVISION_SHIFT) + usageRevision;
    }

    /** The revision an external version was made of (the inverse of {@link #externalVersion} for the revision). */
    public static long revisionOf(long externalVersion) {
        return externalVersion >>> REVISION_SHIFT;
    }

    /** Sends one bulk; returns the operations that failed. */
    private List<Failure> send(List<Operation> chunk) {
        List<Failure> failed = new ArrayList<>();
        BulkResponse response;
        try {
            response = client.bulk(b -> b.operations(chunk.stream().map(Operation::bulk).toList()));
        } catch (IOException | OpenSearchException e) {
            LOG.log(System.Logger.Level.ERROR, "bulk of " + chunk.size() + " operations failed as a whole", e);
            chunk.forEach(operation -> failed.add(new Failure(operation.recordId(), 0, e.toString())));
            return failed;
        }
        List<BulkResponseItem> items = response.items(); // one result per operation, in order
        for (int i = 0; i < chunk.size(); i++) {
            BulkResponseItem item = items.get(i);
            if (item.error() != null && item.status() != VERSION_CONFLICT) {
                String reason = item.error().type() + ": " + item.error().reason();
                LOG.log(System.Logger.Level.ERROR, "record " + chunk.get(i).recordId() + " (prompt " + item.id() + "): " + item.status() + " " + reason);
                failed.add(new Failure(chunk.get(i).recordId(), item.status(), reason));
            }
        }
        return failed;
    }

    private static long serializedSize(PromptDocument document) {
        try {
            return OpenSearchClients.MAPPER.writeValueAsBytes(document).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise prompt " + document.id(), e);
        }
    }
}
