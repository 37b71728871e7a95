package io.promptcms.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.indices.update_aliases.Action;

/**
 * The prompts indexes and their alias. Each index is built from one version of the mapping kept in the repo
 * ({@code search/prompts-v<N>.json}, {@link #MAPPING_VERSION} is the current one) and named
 * {@code <alias>-v<N>-<yyyyMMddHHmmss>}; everything else reads and writes through the alias, so a reindex builds a
 * new index beside the live one and {@link #swap swaps} the alias atomically. {@link #ensureIndex} is safe to run at
 * every start and concurrently; rebuilding an index of an older mapping version is {@link PromptReindexer}'s job.
 */
public final class PromptIndexAdmin {

    /** The mapping version new indexes get: bump it together with a new {@code search/prompts-v<N>.json}. */
    public static final int MAPPING_VERSION = 2;
    private static final String DEFINITION = "/search/prompts-v" + MAPPING_VERSION + ".json";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    /** Indexes created before names carried a timestamp are plain {@code <alias>-v<N>}. */
    private static final Pattern VERSIONED_NAME = Pattern.compile("-v(\\d+)(?:-\\d{14})?$");
    private static final int NAME_ATTEMPTS = 30;

    private final OpenSearchClient client;
    private final String alias;
    private final Clock clock;

    public PromptIndexAdmin(OpenSearchClient client, String alias) {
        this(client, alias, Clock.systemUTC());
    }

    public PromptIndexAdmin(OpenSearchClient client, String alias, Clock clock) {
        this.client = client;
        this.alias = alias;
        this.clock = clock;
    }

    public String alias() {
        return alias;
    }

    /** Creates an index of the current mapping with the alias if the alias does not exist yet; returns whether it did. */
    public boolean ensureIndex() {
        if (!aliasedIndices().isEmpty()) {
            return false;
        }
        String index = createIndex();
        try {
            client.indices().updateAliases(r -> r.actions(Action.of(a -> a.add(add -> add.index(index).alias(alias).isWriteIndex(true)))));
        } catch (OpenSearchException e) {
            delete(index); // a concurrent bootstrap won the race (the alias has its write index): keep its index, drop ours
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot point alias " + alias + " at " + index, e);
        }
        return true;
    }

    /** The indexes the alias points to (one, except for a moment during a swap); empty when there is no alias. */
    public Set<String> aliasedIndices() {
        try {
            if (!client.indices().existsAlias(r -> r.name(alias)).value()) {
                return Set.of();
            }
            return new TreeSet<>(client.indices().getAlias(r -> r.name(alias)).result().keySet());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read alias " + alias, e);
        } catch (OpenSearchException e) {
            if (e.status() == 404) {
                return Set.of(); // deleted between the two calls
            }
            throw e;
        }
    }

    /** Whether the alias points to an index built from an older mapping version than {@link #MAPPING_VERSION}. */
    public boolean outdated() {
        return aliasedIndices().stream().anyMatch(index -> mappingVersion(index).orElse(0) < MAPPING_VERSION);
    }

    /** The mapping version in an index name ({@code prompts-v2-20260105120000} → 2), empty for a foreign name. */
    public static OptionalInt mappingVersion(String index) {
        Matcher matcher = VERSIONED_NAME.matcher(index);
        return matcher.find() ? OptionalInt.of(Integer.parseInt(matcher.group(1))) : OptionalInt.empty();
    }

    /** Creates a new, empty index of the current mapping, not behind the alias; returns its name. */
    public String createIndex() {
        long second = clock.instant().getEpochSecond();
        try {
            String body = OpenSearchClients.MAPPER.writeValueAsString(definition());
            for (int attempt = 0; attempt < NAME_ATTEMPTS; attempt++) {
                // two indexes created within one second (tests, a quick second reindex) take the next free second
                String index = alias + "-v" + MAPPING_VERSION + "-" + STAMP.format(Instant.ofEpochSecond(second + attempt));
                var request = Requests.builder().method("PUT").endpoint("/" + index).json(body).build();
                try (var response = client.generic().execute(request)) {
                    if (response.getStatus() == 200) {
                        return index;
                    }
                    String error = response.getBody().map(Body::bodyAsString).orElse("");
                    if (!error.contains("resource_already_exists_exception")) {
                        throw new IllegalStateException("cannot create index " + index + ": HTTP " + response.getStatus() + " " + error);
                    }
                }
            }
            throw new IllegalStateException("no free index name for " + alias + " within " + NAME_ATTEMPTS + " s of " + clock.instant());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create an index for " + alias, e);
        }
    }

    /**
     * Points the alias at {@code index} alone, in one atomic {@code _aliases} request (readers and the stream indexer
     * never see the alias missing), then deletes the indexes it pointed to before; returns those.
     */
    public Set<String> swap(String index) {
        Set<String> previous = new TreeSet<>(aliasedIndices());
        previous.remove(index);
        try {
            List<Action> actions = new ArrayList<>();
            previous.forEach(old -> actions.add(Action.of(a -> a.remove(r -> r.index(old).alias(alias)))));
            actions.add(Action.of(a -> a.add(r -> r.index(index).alias(alias).isWriteIndex(true))));
            client.indices().updateAliases(r -> r.actions(actions));
            for (String old : previous) {
                client.indices().delete(r -> r.index(old).ignoreUnavailable(true));
            }
            return previous;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot swap alias " + alias + " to " + index, e);
        }
    }

    /** Deletes an index that never went live (a failed build). */
    public void delete(String index) {
        try {
            client.indices().delete(r -> r.index(index).ignoreUnavailable(true));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete index " + index, e);
        }
    }

    private static ObjectNode definition() throws IOException {
        try (InputStream in = PromptIndexAdmin.class.getResourceAsStream(DEFINITION)) {
            if (in == null) {
                throw new IllegalStateException(DEFINITION + " is not on the classpath");
            }
            return (ObjectNode) OpenSearchClients.MAPPER.readTree(in);
        }
    }
}
