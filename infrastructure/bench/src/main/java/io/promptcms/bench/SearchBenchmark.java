package io.promptcms.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.promptcms.api.http.ApiResponse;
import io.promptcms.api.prompt.PromptsFunction;
import io.promptcms.auth.AuthorizerContext;
import io.promptcms.auth.Principal;
import io.promptcms.auth.Scope;
import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.common.Ids;
import io.promptcms.common.Json;
import io.promptcms.local.bootstrap.TableBootstrap;
import io.promptcms.local.engine.Delete;
import io.promptcms.local.engine.DynamoDbEngine;
import io.promptcms.local.engine.OpenSearchEngine;
import io.promptcms.local.engine.OpenSearchLayout;
import io.promptcms.local.engine.Ports;
import io.promptcms.local.template.LocalValues;
import io.promptcms.local.template.Template;
import io.promptcms.local.template.TemplateReader;
import io.promptcms.prompt.PromptRepository;
import io.promptcms.prompt.PromptService;
import io.promptcms.prompt.S3ContentStore;
import io.promptcms.search.OpenSearchClients;
import io.promptcms.search.PromptIndexAdmin;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Collectors;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Search latency at scale: {@code GET /api/v1/prompts} through the prompts function (in this JVM, API Gateway v2
 * events with the authorizer's context, as Lambda receives them) vs the same search request sent straight to
 * OpenSearch ({@link RawSearch}), in one run.
 * <p>
 * Corpus ({@link SearchCorpus}): by default 100,000 prompts of one owner and 100,000 of {@value #OTHER_OWNERS} other
 * owners, written as they are generated ({@link SearchCorpusLoader}) to DynamoDB (moto, in memory, in this JVM) and to
 * a real OpenSearch (child process, the local runtime's engine; as root it runs as an unprivileged user). Then
 * {@value #WARMUP} warm-up queries and the measured ones (default 500), a third of each kind, the two paths
 * interleaved (alternating which goes first):
 * <ul>
 *   <li>text: {@code q} (a word) + {@code tag} + {@code model}, relevance;</li>
 *   <li>filter: {@code collection} + {@code untagged=true} or {@code favorite=true}, {@code sort=usageCount:desc};</li>
 *   <li>deep: page 50 of {@code sort=name:asc} or of {@code q=} a common word: 49 pages are followed unmeasured
 *       (nextCursor through the handler, search_after raw) and the 50th is measured.</li>
 * </ul>
 * Pages of {@value #LIMIT}. Prints p50/p95 per kind and overall for both paths and their ratios.
 * Usage: {@code infrastructure/bin/promptcms bench-search [ownerPrompts] [otherPrompts] [queries]}.
 */
public final class SearchBenchmark {

    private static final int OTHER_OWNERS = 50;
    private static final int WARMUP = 100;
    private static final int LIMIT = 20;
    private static final int DEEP_PAGE = 50;
    private static final Duration ENGINE_TIMEOUT = Duration.ofMinutes(3);

    enum Kind {
        TEXT("text + tag + model"), FILTER("filter-only by usageCount"), DEEP("deep page " + DEEP_PAGE);

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    record BenchQuery(Kind kind, Map<String, List<String>> parameters) {
    }

    /** Latencies in ms of one kind on both paths, and how many measured pages differed in size between them. */
    private record Figures(List<Double> handler, List<Double> raw, int[] differing) {
    }

    public static void main(String[] args) throws Exception {
        int ownerPrompts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int otherPrompts = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        Path project = Path.of(System.getProperty("promptcms.project", ".")).toAbsolutePath();
        Template template = TemplateReader.read(project.resolve("template.yaml"));
        Path work = Files.createTempDirectory("promptcms-bench-search");
        OpenSearchLayout layout = OpenSearchLayout.of(project, work);
        System.out.println("starting DynamoDB (moto, in memory) and OpenSearch …");
        try (DynamoDbEngine dynamoEngine = DynamoDbEngine.startInMemory();
             OpenSearchEngine openSearch = OpenSearchEngine.start(layout, Ports.free(), Ports.free(), work.resolve("opensearch.log"))) {
            openSearch.awaitReady(ENGINE_TIMEOUT);
            dynamoEngine.awaitReady(ENGINE_TIMEOUT);
            LocalValues values = new LocalValues(template, openSearch.url());
            Map<String, String> env = new HashMap<>(values.environment(template.function("PromptsFunction").orElseThrow()));
            env.put(EnvNames.AWS_REGION, LocalValues.REGION);
            env.put(EnvNames.AWS_ENDPOINT_URL_DYNAMODB, dynamoEngine.url());
            env.put(EnvNames.AWS_ENDPOINT_URL_S3, "http://127.0.0.1:9"); // generated content stays inline: S3 is never called
            // 500 queries × 50 pages in a few minutes would exceed the deployed per-key limit; the limiter's write still runs
            env.put(EnvNames.RATE_LIMIT_PER_MINUTE, Integer.toString(Integer.MAX_VALUE));
            var aws = new AwsClients(Env.of(env));
            DynamoDbClient dynamo = aws.dynamoDb();
            new TableBootstrap(template, values).createMissing(dynamo);
            String alias = env.get(EnvNames.OPENSEARCH_ALIAS);
            OpenSearchClient search = OpenSearchClients.create(URI.create(openSearch.url()), aws);
            new PromptIndexAdmin(search, alias).ensureIndex();

            SearchCorpus corpus = new SearchCorpus(Instant.now(), clock -> new PromptService(
                    new PromptRepository(dynamo, DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build(), env.get(EnvNames.PROMPTS_TABLE),
                            env.get(EnvNames.PROMPT_VERSIONS_TABLE)),
                    new S3ContentStore(() -> {
                        throw new IllegalStateException("generated content is small enough to stay inline");
                    }, env.get(EnvNames.BUCKET_NAME)),
                    (owner, ids) -> Set.of(), clock));
            SearchCorpus.Owner owner = corpus.owner(Ids.newId("usr"));
            load(corpus, owner, ownerPrompts, otherPrompts, dynamo, env, search, alias);

            var function = new PromptsFunction(Env.of(env));
            var raw = new RawSearch(search, alias);
            run(function, raw, owner.id(), mix(corpus, owner, WARMUP, 99));
            Map<Kind, Figures> figures = run(function, raw, owner.id(), mix(corpus, owner, queries, 1));
            report(figures, ownerPrompts, otherPrompts);
        } finally {
            Delete.recursively(layout.data().getParent()); // data and logs of this run's node (as root: under /var/tmp/promptcms)
            Delete.recursively(work);
        }
    }

    private static void load(SearchCorpus corpus, SearchCorpus.Owner owner, int ownerPrompts, int otherPrompts, DynamoDbClient dynamo,
                             Map<String, String> env, OpenSearchClient search, String alias) throws Exception {
        List<SearchCorpus.Owner> others = new ArrayList<>();
        for (int i = 0; i < OTHER_OWNERS; i++) {
            others.add(corpus.owner(Ids.newId("usr")));
        }
        System.out.printf("loading %,d prompts of one owner and %,d of %d others (DynamoDB and OpenSearch) …%n", ownerPrompts, otherPrompts, OTHER_OWNERS);
        long start = System.nanoTime();
        SplittableRandom random = new SplittableRandom(42);
        try (var loader = new SearchCorpusLoader(dynamo, env.get(EnvNames.PROMPTS_TABLE), search, alias)) {
            loader.collections(env.get(EnvNames.COLLECTIONS_TABLE), corpus.collections(owner));
            for (SearchCorpus.Owner other : others) {
                loader.collections(env.get(EnvNames.COLLECTIONS_TABLE), corpus.collections(other));
            }
            // the owner's prompts and the others' interleaved, as they would arrive over time
            for (int i = 0; i < Math.max(ownerPrompts, otherPrompts); i++) {
                if (i < ownerPrompts) {
                    var prompt = corpus.prompt(owner, random);
                    loader.add(prompt.item(), prompt.content());
                }
                if (i < otherPrompts) {
                    var prompt = corpus.prompt(others.get(i % OTHER_OWNERS), random);
                    loader.add(prompt.item(), prompt.content());
                }
                if ((i + 1) % 20_000 == 0) {
                    System.out.printf("  %,d + %,d generated (%.0f s)%n", Math.min(i + 1, ownerPrompts), Math.min(i + 1, otherPrompts),
                            (System.nanoTime() - start) / 1e9);
                }
            }
            loader.finish();
        }
        long indexed = search.count(c -> c.index(alias)).count();
        if (indexed != (long) ownerPrompts + otherPrompts) {
            throw new IllegalStateException("the index holds " + indexed + " documents, not " + (ownerPrompts + otherPrompts));
        }
        System.out.printf("loaded %,d prompts in %.0f s%n", indexed, (System.nanoTime() - start) / 1e9);
    }

    /** {@code count} queries, the kinds in turn, drawn with the corpus's own skew (popular tags, models and words come up more). */
    static List<BenchQuery> mix(SearchCorpus corpus, SearchCorpus.Owner owner, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<BenchQuery> mix = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Kind kind = Kind.values()[i % Kind.values().length];
            Map<String, List<String>> parameters = new LinkedHashMap<>();
            switch (kind) {
                case TEXT -> {
                    parameters.put("q", List.of(corpus.randomWord(random)));
                    parameters.put("tag", List.of(corpus.randomTag(random)));
                    parameters.put("model", List.of(corpus.randomModel(random)));
                }
                case FILTER -> {
                    parameters.put("collection", List.of(owner.collectionIds().get(random.nextInt(owner.collectionIds().size()))));
                    parameters.put(random.nextBoolean() ? "untagged" : "favorite", List.of("true"));
                    parameters.put("sort", List.of("usageCount:desc"));
                }
                case DEEP -> {
                    if (random.nextBoolean()) {
                        parameters.put("sort", List.of("name:asc"));
                    } else {
                        parameters.put("q", List.of(corpus.words().get(3 + random.nextInt(10)))); // common enough for 50 pages
                    }
                }
            }
            parameters.put("limit", List.of(Integer.toString(LIMIT)));
            mix.add(new BenchQuery(kind, parameters));
        }
        return mix;
    }

    private static Map<Kind, Figures> run(PromptsFunction function, RawSearch raw, String userId, List<BenchQuery> mix) throws Exception {
        Map<Kind, Figures> figures = new LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            figures.put(kind, new Figures(new ArrayList<>(), new ArrayList<>(), new int[1]));
        }
        for (int i = 0; i < mix.size(); i++) {
            BenchQuery query = mix.get(i);
            int pages = query.kind() == Kind.DEEP ? DEEP_PAGE : 1;
            Figures kind = figures.get(query.kind());
            Measured handlerPage;
            Measured rawPage;
            if (i % 2 == 0) {
                handlerPage = throughHandler(function, userId, query.parameters(), pages);
                rawPage = straight(raw, userId, query.parameters(), pages);
            } else {
                rawPage = straight(raw, userId, query.parameters(), pages);
                handlerPage = throughHandler(function, userId, query.parameters(), pages);
            }
            kind.handler().add(handlerPage.millis());
            kind.raw().add(rawPage.millis());
            if (handlerPage.hits() != rawPage.hits()) {
                kind.differing()[0]++;
            }
        }
        return figures;
    }

    /** The time of the last page and its number of results. */
    private record Measured(double millis, int hits) {
    }

    /** Follows nextCursor to page {@code pages} and times that page's invocation of the function. */
    private static Measured throughHandler(PromptsFunction function, String userId, Map<String, List<String>> parameters, int pages) throws Exception {
        String cursor = null;
        for (int page = 1; ; page++) {
            Map<String, List<String>> withCursor = new LinkedHashMap<>(parameters);
            if (cursor != null) {
                withCursor.put("cursor", List.of(cursor));
            }
            APIGatewayV2HTTPEvent event = listEvent(userId, withCursor);
            long start = System.nanoTime();
            ApiResponse response = function.handle(event);
            double millis = (System.nanoTime() - start) / 1e6;
            if (response.status() != 200) {
                throw new IllegalStateException("GET /prompts?" + rawQuery(withCursor) + " answered " + response.status() + ": " + response.body());
            }
            JsonNode body = Json.MAPPER.readTree(response.body());
            if (page == pages) {
                return new Measured(millis, body.get("items").size());
            }
            cursor = body.path("nextCursor").textValue();
            if (cursor == null) {
                throw new IllegalStateException("GET /prompts?" + rawQuery(parameters) + " ended at page " + page + " of " + pages);
            }
        }
    }

    /** Follows search_after to page {@code pages} and times that page's search request. */
    private static Measured straight(RawSearch raw, String userId, Map<String, List<String>> parameters, int pages) throws Exception {
        List<FieldValue> after = null;
        for (int page = 1; ; page++) {
            var request = raw.request(userId, parameters, after);
            long start = System.nanoTime();
            RawSearch.Page result = raw.send(request, LIMIT);
            double millis = (System.nanoTime() - start) / 1e6;
            if (page == pages) {
                return new Measured(millis, result.hits());
            }
            after = result.next();
            if (after == null) {
                throw new IllegalStateException("the raw search " + rawQuery(parameters) + " ended at page " + page + " of " + pages);
            }
        }
    }

    /** GET /api/v1/prompts as API Gateway hands it over: raw query string, repeated parameters joined by commas, the authorizer's context. */
    private static APIGatewayV2HTTPEvent listEvent(String userId, Map<String, List<String>> parameters) {
        String path = "/api/v1/prompts";
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("GET " + path)
                .withRawPath(path)
                .withRawQueryString(rawQuery(parameters))
                .withQueryStringParameters(parameters.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> String.join(",", e.getValue()))))
                .withHeaders(Map.of("accept", "application/json"))
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId(UUID.randomUUID().toString())
                        .withRouteKey("GET " + path)
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath(path).build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withLambda(AuthorizerContext.of(new Principal(userId, "key_bench", "bench", Set.of(Scope.PROMPTS_READ))))
                                .build())
                        .build())
                .build();
    }

    private static String rawQuery(Map<String, List<String>> parameters) {
        return parameters.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> encode(e.getKey()) + "=" + encode(v)))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static void report(Map<Kind, Figures> figures, int ownerPrompts, int otherPrompts) {
        System.out.printf("search over %,d prompts of the caller + %,d of %d other owners; pages of %d; %d cores, bench JVM heap max %d MB, OpenSearch heap 512 MB%n",
                ownerPrompts, otherPrompts, OTHER_OWNERS, LIMIT, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("%-28s %5s %12s %12s %12s %12s %9s %9s%n", "kind", "n", "handler p50", "handler p95", "raw p50", "raw p95", "p50 ratio", "p95 ratio");
        List<Double> allHandler = new ArrayList<>();
        List<Double> allRaw = new ArrayList<>();
        int differing = 0;
        for (var entry : figures.entrySet()) {
            Figures kind = entry.getValue();
            line(entry.getKey().label, kind.handler(), kind.raw());
            allHandler.addAll(kind.handler());
            allRaw.addAll(kind.raw());
            differing += kind.differing()[0];
        }
        line("all", allHandler, allRaw);
        double handlerP95 = percentile(allHandler, 95);
        double rawP95 = percentile(allRaw, 95);
        System.out.printf("target handler p95 <= 1.2x raw and < 50 ms: %s (%.2fx, %.1f ms)%n",
                handlerP95 <= 1.2 * rawP95 && handlerP95 < 50 ? "met" : "NOT met", handlerP95 / rawP95, handlerP95);
        if (differing > 0) {
            System.out.printf("warning: %d measured pages had a different number of results through the handler than raw%n", differing);
        }
    }

    private static void line(String label, List<Double> handler, List<Double> raw) {
        System.out.printf("%-28s %5d %9.2f ms %9.2f ms %9.2f ms %9.2f ms %9.2f %9.2f%n", label, handler.size(),
                percentile(handler, 50), percentile(handler, 95), percentile(raw, 50), percentile(raw, 95),
                percentile(handler, 50) / percentile(raw, 50), percentile(handler, 95) / percentile(raw, 95));
    }

    private static double percentile(List<Double> values, int percent) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }
}
