package io.promptcms.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.promptcms.api.http.AuthorizerContext;
import io.promptcms.api.prompts.PromptsFunction;
import io.promptcms.auth.Principal;
import io.promptcms.auth.Scope;
import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.common.Json;
import io.promptcms.local.bootstrap.TableBootstrap;
import io.promptcms.local.engine.DynamoDbEngine;
import io.promptcms.local.template.FunctionSpec;
import io.promptcms.local.template.LocalValues;
import io.promptcms.local.template.Template;
import io.promptcms.local.template.TemplateReader;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cold start: a fresh JVM until the first answer of {@code GET /prompts/{id}} through the prompts function, beside
 * a hello-world handler doing one GetItem with the same SDK client setup, alternating, median of 5 each, against
 * the same DynamoDB (moto). Both JVMs get the Lambda jar's classpath and the function's environment from
 * template.yaml, as Lambda would give them.
 * <pre>infrastructure/bin/promptcms bench-cold-start</pre>
 */
public final class ColdStartBenchmark {

    private static final int RUNS = 5;

    private ColdStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path lambdaJar = lambdaJar(root);
        Template template = TemplateReader.read(root.resolve("template.yaml"));
        FunctionSpec spec = template.function("PromptsFunction").orElseThrow();
        try (DynamoDbEngine dynamo = DynamoDbEngine.startInMemory()) {
            dynamo.awaitReady(Duration.ofSeconds(60));
            Map<String, String> env = new HashMap<>(new LocalValues(template, "http://127.0.0.1:9").environment(spec));
            env.put(AwsClients.REGION, LocalValues.REGION);
            env.put(AwsClients.DYNAMODB_ENDPOINT, dynamo.url());
            env.put(AwsClients.S3_ENDPOINT, "http://127.0.0.1:9");
            new TableBootstrap(template, new LocalValues(template, "http://127.0.0.1:9")).createMissing(new AwsClients(Env.of(env)).dynamoDb());

            String userId = "usr_bench";
            String promptId = createPrompt(env, userId);

            List<Long> prompts = new ArrayList<>();
            List<Long> hello = new ArrayList<>();
            for (int run = 0; run < RUNS; run++) {
                hello.add(coldStart(lambdaJar, root, env, "hello", promptId, userId));
                prompts.add(coldStart(lambdaJar, root, env, "prompts", promptId, userId));
            }
            long promptsMedian = median(prompts);
            long helloMedian = median(hello);
            System.out.printf("cold start, fresh JVM to first answer (median of %d, ms): prompts function %d %s, hello GetItem %d %s%n",
                    RUNS, promptsMedian, prompts, helloMedian, hello);
            System.out.printf("ratio prompts/hello: %.2f (target <= 1.5)%n", (double) promptsMedian / helloMedian);
        }
    }

    private static String createPrompt(Map<String, String> env, String userId) throws IOException {
        var function = new PromptsFunction(Env.of(env));
        var event = APIGatewayV2HTTPEvent.builder()
                .withRouteKey("POST /api/v1/prompts")
                .withRawPath("/api/v1/prompts")
                .withHeaders(Map.of("content-type", "application/json"))
                .withBody(Json.write(Map.of("name", "Cold start probe", "content", "Summarise {{text}} in {{language}}.", "tags", List.of("bench"))))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId("seed")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("POST").withPath("/api/v1/prompts").build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withLambda(AuthorizerContext.of(new Principal(userId, "key_bench", "bench", Set.of(Scope.PROMPTS_WRITE))))
                                .build())
                        .build())
                .build();
        var response = function.handleRequest(event, null);
        if (response.getStatusCode() != 201) {
            throw new IllegalStateException("seeding failed: " + response.getBody());
        }
        return Json.MAPPER.readTree(response.getBody()).get("id").asText();
    }

    /** Milliseconds from starting a fresh JVM to its exit after one answered request. */
    private static long coldStart(Path lambdaJar, Path root, Map<String, String> env, String handler, String promptId, String userId)
            throws IOException, InterruptedException {
        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = lambdaJar + File.pathSeparator + root.resolve("infrastructure/target/classes");
        ProcessBuilder builder = new ProcessBuilder(javaBinary, "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                ColdStartProbe.class.getName(), handler, promptId, userId).redirectErrorStream(true);
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0 || !output.contains("status=200")) {
            throw new IllegalStateException(handler + " did not answer 200: " + output);
        }
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    private static Path lambdaJar(Path root) throws IOException {
        try (var files = Files.list(root.resolve("functions/api/target"))) {
            return files.filter(f -> f.getFileName().toString().endsWith("-lambda.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build first: mvn -DskipTests package"));
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
