package io.promptcms.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.promptcms.api.prompt.PromptsFunction;
import io.promptcms.apikey.ApiKeyService;
import io.promptcms.auth.AuthorizerContext;
import io.promptcms.auth.Principal;
import io.promptcms.auth.Scope;
import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.common.Json;
import io.promptcms.local.bootstrap.TableBootstrap;
import io.promptcms.local.engine.DynamoDbEngine;
import io.promptcms.local.template.FunctionSpec;
import io.promptcms.local.template.LocalValues;
import io.promptcms.local.template.Template;
import io.promptcms.local.template.TemplateReader;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Cold start: a fresh JVM until the first answer of {@code GET /prompts/{id}} through the prompts function, and of
 * one API key check through the authorizer (it runs on every request API Gateway has not cached), beside a
 * hello-world handler doing one GetItem with the same SDK client setup, in turn, median of 5 each, against the
 * same DynamoDB (moto). Each JVM gets its function's jar (CodeUri) and environment from template.yaml, as Lambda
 * would give them; the hello world runs on the prompts function's jar.
 * <pre>infrastructure/bin/promptcms bench-cold-start</pre>
 */
public final class ColdStartBenchmark {

    private static final int RUNS = 5;

    private ColdStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Template template = TemplateReader.read(root.resolve("template.yaml"));
        FunctionSpec promptsSpec = template.function("PromptsFunction").orElseThrow();
        FunctionSpec authorizerSpec = template.function("AuthorizerFunction").orElseThrow();
        try (DynamoDbEngine dynamo = DynamoDbEngine.startInMemory()) {
            dynamo.awaitReady(Duration.ofSeconds(60));
            Map<String, String> env = environment(template, promptsSpec, dynamo);
            Map<String, String> authorizerEnv = environment(template, authorizerSpec, dynamo);
            DynamoDbClient client = new AwsClients(Env.of(env)).dynamoDb();
            new TableBootstrap(template, new LocalValues(template, "http://127.0.0.1:9")).createMissing(client);

            String userId = "usr_bench";
            String promptId = createPrompt(env, userId);
            String apiKey = new ApiKeyService(client, authorizerEnv.get(EnvNames.API_KEYS_TABLE), Clock.systemUTC())
                    .createUserWithKey("bench").secret();

            Path promptsJar = lambdaJar(root, promptsSpec);
            Path authorizerJar = lambdaJar(root, authorizerSpec);
            List<Long> prompts = new ArrayList<>();
            List<Long> authorizer = new ArrayList<>();
            List<Long> hello = new ArrayList<>();
            for (int run = 0; run < RUNS; run++) {
                hello.add(coldStart(promptsJar, env, ColdStartProbe.class, "hello", promptId, userId));
                prompts.add(coldStart(promptsJar, env, ColdStartProbe.class, "prompts", promptId, userId));
                authorizer.add(coldStart(authorizerJar, authorizerEnv, AuthorizerColdStartProbe.class, apiKey));
            }
            long promptsMedian = median(prompts);
            long authorizerMedian = median(authorizer);
            long helloMedian = median(hello);
            System.out.printf("cold start, fresh JVM to first answer (median of %d, ms): prompts function %d %s, authorizer %d %s, hello GetItem %d %s%n",
                    RUNS, promptsMedian, prompts, authorizerMedian, authorizer, helloMedian, hello);
            System.out.printf("ratio prompts/hello: %.2f (target <= 1.5)%n", (double) promptsMedian / helloMedian);
            System.out.printf("ratio authorizer/hello: %.2f (authorizer jar %,d bytes, prompts jar %,d bytes)%n",
                    (double) authorizerMedian / helloMedian, Files.size(authorizerJar), Files.size(promptsJar));
        }
    }

    /** A function's variables from template.yaml, pointed at the benchmark's DynamoDB. */
    private static Map<String, String> environment(Template template, FunctionSpec spec, DynamoDbEngine dynamo) {
        Map<String, String> env = new HashMap<>(new LocalValues(template, "http://127.0.0.1:9").environment(spec));
        env.put(EnvNames.AWS_REGION, LocalValues.REGION);
        env.put(EnvNames.AWS_ENDPOINT_URL_DYNAMODB, dynamo.url());
        env.put(EnvNames.AWS_ENDPOINT_URL_S3, "http://127.0.0.1:9");
        return env;
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
    private static long coldStart(Path lambdaJar, Map<String, String> env, Class<?> probe, String... args)
            throws IOException, InterruptedException, URISyntaxException {
        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the probes come from this benchmark's own classes, beside the function's jar
        Path probes = Path.of(probe.getProtectionDomain().getCodeSource().getLocation().toURI());
        String classpath = lambdaJar + File.pathSeparator + probes;
        List<String> command = new ArrayList<>(List.of(javaBinary, "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                probe.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0 || !output.contains("status=200")) {
            throw new IllegalStateException(probe.getSimpleName() + " " + String.join(" ", args) + " did not answer 200: " + output);
        }
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    private static Path lambdaJar(Path root, FunctionSpec spec) {
        Path jar = root.resolve(spec.codeUri());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("build first: mvn -DskipTests package (no " + jar + ")");
        }
        return jar;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
