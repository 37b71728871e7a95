package io.promptcms.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.promptcms.api.http.ApiResponse;
import io.promptcms.api.pricing.ModelsFunction;
import io.promptcms.auth.AuthorizerContext;
import io.promptcms.auth.Principal;
import io.promptcms.auth.Scope;
import io.promptcms.common.Json;
import io.promptcms.pricing.PriceCatalog;
import io.promptcms.pricing.PriceOverrides;
import io.promptcms.ratelimit.RateLimiter;
import io.promptcms.tokens.TokenCounter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * Token-counting throughput, in one JVM, on the same texts (realistic prompts of mixed length: 40 short, 15 medium,
 * 5 long, ~250 K characters in all), model gpt-4o (o200k_base):
 * <ol>
 *   <li>JTokkit's {@code Encoding.countTokens} called directly — the floor;</li>
 *   <li>our {@link TokenCounter} (catalog lookup of the model, then the same encoding);</li>
 *   <li>{@code POST /api/v1/tokens/count} through {@link ModelsFunction#handle} with API Gateway v2 events built up
 *       front: body parsing, validation, lookup, counting and the JSON answer. The per-key rate limiter (a DynamoDB
 *       call) is left out: it is not token counting and would measure DynamoDB (moto) instead.</li>
 * </ol>
 * All paths warm up, then run {@value #ROUNDS} interleaved rounds over all texts; the figures are each path's median round.
 * <pre>infrastructure/bin/promptcms bench-tokens</pre>
 */
public final class TokenCountBenchmark {

    private static final int WARMUP_ROUNDS = 30;
    private static final int ROUNDS = 21;
    private static final String MODEL = "gpt-4o";

    private TokenCountBenchmark() {
    }

    public static void main(String[] args) {
        List<String> texts = texts();
        long chars = texts.stream().mapToLong(String::length).sum();
        Encoding encoding = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
        PriceCatalog catalog = PriceCatalog.shipped(PriceOverrides.NONE, Clock.systemUTC());
        TokenCounter counter = new TokenCounter(catalog::find);
        ModelsFunction function = new ModelsFunction(catalog, RateLimiter.UNLIMITED);
        List<APIGatewayV2HTTPEvent> events = texts.stream().map(TokenCountBenchmark::event).toList();

        long tokens = texts.stream().mapToLong(encoding::countTokens).sum();
        System.out.printf("texts: %d, %,d characters, %,d tokens (o200k_base)%n", texts.size(), chars, tokens);

        List<Path> paths = List.of(
                new Path("JTokkit countTokens (direct)", i -> encoding.countTokens(texts.get(i))),
                new Path("TokenCounter.count", i -> counter.count(MODEL, texts.get(i)).tokens()),
                new Path("POST /tokens/count (handler)", i -> {
                    ApiResponse response = function.handle(events.get(i));
                    if (response.status() != 200) {
                        throw new IllegalStateException(response.body());
                    }
                    return response.body().length();
                }));
        long sink = 0;
        for (int round = 0; round < WARMUP_ROUNDS; round++) {
            for (Path path : paths) {
                sink += path.round(texts.size());
            }
        }
        // rounds interleave the paths, so that JIT, GC and CPU frequency drift hit all three alike
        List<List<Long>> nanos = paths.stream().map(path -> (List<Long>) new ArrayList<Long>()).toList();
        for (int round = 0; round < ROUNDS; round++) {
            for (int p = 0; p < paths.size(); p++) {
                long start = System.nanoTime();
                sink += paths.get(p).round(texts.size());
                nanos.get(p).add(System.nanoTime() - start);
            }
        }
        double[] throughput = new double[paths.size()];
        for (int p = 0; p < paths.size(); p++) {
            long median = nanos.get(p).stream().sorted().toList().get(ROUNDS / 2);
            double seconds = median / 1e9;
            throughput[p] = chars / seconds;
            System.out.printf("%-30s median round %7.2f ms  %6.2f M chars/s  %8.0f calls/s  %6.2f M tokens/s%n",
                    paths.get(p).name(), median / 1e6, chars / seconds / 1e6, texts.size() / seconds, tokens / seconds / 1e6);
        }
        System.out.printf("throughput TokenCounter / direct: %.2f%n", throughput[1] / throughput[0]);
        System.out.printf("throughput handler / direct:      %.2f%n", throughput[2] / throughput[0]);
        System.out.println("(checksum " + sink % 1000 + ")");
    }

    /** One way of counting, run over every text in a round. */
    private record Path(String name, ToLongFunction<Integer> work) {

        long round(int count) {
            long sum = 0;
            for (int i = 0; i < count; i++) {
                sum += work.applyAsLong(i);
            }
            return sum;
        }
    }

    private static APIGatewayV2HTTPEvent event(String text) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(ModelsFunction.COUNT_TOKENS)
                .withRawPath("/api/v1/tokens/count")
                .withHeaders(Map.of("content-type", "application/json"))
                .withBody(Json.write(Map.of("model", MODEL, "text", text)))
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId("bench")
                        .withRouteKey(ModelsFunction.COUNT_TOKENS)
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").withPath("/api/v1/tokens/count").build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withLambda(AuthorizerContext.of(new Principal("usr_bench", "key_bench", "bench", Set.of(Scope.PROMPTS_READ))))
                                .build())
                        .build())
                .build();
    }

    /** Prompts as people write them: instructions, variables, examples, pasted context; sizes from a line to ~40 KB. */
    private static List<String> texts() {
        String[] parts = {
            "You are a helpful support assistant for {{company}}. Answer in {{language}} and keep it under {{maxWords}} words.",
            "Summarise the ticket below in two sentences, then propose a reply that apologises once and offers a concrete next step.",
            "Ticket #4411: My order arrived damaged — the box was crushed and the lamp's shade is cracked. Can I get a replacement?",
            "Return JSON: {\"summary\": string, \"sentiment\": \"positive\"|\"neutral\"|\"negative\", \"tags\": string[]}.",
            "Example input: \"The invoice total is wrong (€1,240.50 instead of €1,204.50).\" Example output: {\"summary\": \"Invoice total mistyped\"}.",
            "def retry(fn, attempts=3):\n    for i in range(attempts):\n        try:\n            return fn()\n        except TimeoutError:\n            sleep(2 ** i)\n",
            "Context: Q3 revenue grew 12% year over year, driven by the EMEA region; churn fell to 2.1%; the board approved the 2026 plan.",
            "Translate to French, keeping placeholders like {{name}} unchanged: \"Hello {{name}}, your order {{orderId}} has shipped.\"",
        };
        Random random = new Random(42);
        List<String> texts = new ArrayList<>();
        addTexts(texts, random, parts, 40, 1, 3);
        addTexts(texts, random, parts, 15, 10, 40);
        addTexts(texts, random, parts, 5, 200, 400);
        return texts;
    }

    private static void addTexts(List<String> texts, Random random, String[] parts, int count, int minParts, int maxParts) {
        for (int t = 0; t < count; t++) {
            StringBuilder text = new StringBuilder();
            int n = minParts + random.nextInt(maxParts - minParts + 1);
            for (int p = 0; p < n; p++) {
                text.append(parts[random.nextInt(parts.length)]).append(p % 3 == 2 ? "\n\n" : " ");
            }
            texts.add(text.toString());
        }
    }
}
