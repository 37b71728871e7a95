package io.promptcms.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptcms.local.template.EventSource.HttpRoute;
import io.promptcms.local.template.EventSource.S3Source;
import io.promptcms.local.template.EventSource.ScheduleSource;
import io.promptcms.local.template.EventSource.StreamSource;
import io.promptcms.local.testing.ProjectDir;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplateReaderTest {

    private static final String OPENSEARCH = "http://127.0.0.1:19200";
    private final Template real = TemplateReader.read(ProjectDir.find().resolve("template.yaml"));
    private final Template fixture = TemplateReader.read(ProjectDir.find().resolve("infrastructure/src/test/resources/fixture-template.yaml"));

    @Test
    void shortFormTagsAreKeptAsValues() {
        Map<String, Object> env = Nodes.map(real.properties("PromptsFunction"), "Environment", "Variables");
        assertEquals(new Intrinsic("Ref", "PromptsTable"), env.get("PROMPTS_TABLE"));
        Intrinsic endpoint = (Intrinsic) env.get("OPENSEARCH_ENDPOINT");
        assertEquals("If", endpoint.function());
        assertEquals(new Intrinsic("Ref", "OpenSearchEndpoint"), ((List<?>) endpoint.argument()).get(2));
    }

    @Test
    void environmentResolvesToLocalValues() {
        LocalValues values = new LocalValues(real, OPENSEARCH);
        Map<String, String> env = values.environment(real.function("PromptsFunction").orElseThrow());
        assertEquals("PromptsTable", env.get("PROMPTS_TABLE"));
        assertEquals("PromptVersionsTable", env.get("PROMPT_VERSIONS_TABLE"));
        assertEquals("promptcms-123456789012-us-east-1", env.get("BUCKET_NAME"), "the bucket name expression, resolved");
        assertEquals(values.bucketName(), env.get("BUCKET_NAME"));
        assertEquals(OPENSEARCH, env.get("OPENSEARCH_ENDPOINT"));
        assertEquals("prompts", env.get("OPENSEARCH_ALIAS"));
        assertEquals("-XX:+TieredCompilation -XX:TieredStopAtLevel=1", env.get("JAVA_TOOL_OPTIONS"), "Globals apply");
    }

    @Test
    void subGetAttConditionsAndParametersResolve() {
        LocalValues values = new LocalValues(fixture, OPENSEARCH);
        Map<String, String> env = values.environment(fixture.function("EchoFunction").orElseThrow());
        assertEquals("EventsTable", env.get("EVENTS_TABLE"));
        assertEquals("arn:aws:dynamodb:us-east-1:123456789012:table/EventsTable", env.get("TABLE_ARN"));
        assertEquals("hello from us-east-1", env.get("GREETING"));
        assertEquals(OPENSEARCH, env.get("SEARCH_URL"));
        assertEquals("on", env.get("GLOBAL_FLAG"));
        assertTrue(values.condition("CreateSearch"));
    }

    @Test
    void theLocalRuntimeTakesParameterValuesFromTheTemplatesMetadataOverDefaults() {
        Map<String, String> env = new LocalValues(real, OPENSEARCH).environment(real.function("RunsFunction").orElseThrow());
        assertEquals("offline", env.get("MODEL_PROVIDER_MODE"), "Metadata PromptCMS::LocalRuntime overrides the default 'live'");
        assertEquals("https://api.openai.com/v1", env.get("OPENAI_BASE_URL"), "other parameters keep their defaults");
    }

    @Test
    void streamFiltersOnEventNameAreRead() {
        StreamSource usage = real.function("UsageAggregatorFunction").orElseThrow().events(StreamSource.class).getFirst();
        assertEquals(Set.of("INSERT"), usage.eventNames());
        assertTrue(usage.accepts("INSERT"));
        assertFalse(usage.accepts("MODIFY"));
        assertTrue(real.function("PromptIndexerFunction").orElseThrow().events(StreamSource.class).getFirst().accepts("REMOVE"));
    }

    @Test
    void authorizerIsTheFunctionBehindTheAlias() {
        AuthorizerSpec authorizer = real.defaultAuthorizer("Api").orElseThrow();
        assertEquals("AuthorizerFunction", authorizer.function());
        assertEquals(List.of("$request.header.Authorization"), authorizer.identitySource());
    }

    @Test
    void httpRoutesCarryMethodPathAndAuthOverride() {
        FunctionSpec prompts = real.function("PromptsFunction").orElseThrow();
        assertTrue(prompts.events(HttpRoute.class).stream().anyMatch(r -> r.routeKey().equals("GET /api/v1/prompts/{id}") && r.apiId().equals("Api")));
        HttpRoute fallback = real.function("NotFoundFunction").orElseThrow().events(HttpRoute.class).getFirst();
        assertTrue(fallback.isDefault());
        assertEquals("NONE", fallback.authorizer());
    }

    @Test
    void streamS3AndScheduleEventsAreRead() {
        FunctionSpec indexer = real.function("PromptIndexerFunction").orElseThrow();
        assertEquals(List.of(new StreamSource("PromptChanges", "PromptsTable", 100, 5, true, Set.of())), indexer.events(StreamSource.class));
        assertEquals(Duration.ofSeconds(120), indexer.timeout());
        assertEquals(Duration.ofSeconds(29), real.function("PromptsFunction").orElseThrow().timeout());

        S3Source drop = fixture.function("ImportFunction").orElseThrow().events(S3Source.class).getFirst();
        assertEquals("Bucket", drop.bucket());
        assertTrue(drop.matches("imports/u/a.csv"));
        assertTrue(!drop.matches("imports/u/a.txt") && !drop.matches("exports/a.csv"));

        ScheduleSource daily = fixture.function("ReportFunction").orElseThrow().events(ScheduleSource.class).getFirst();
        assertEquals(Duration.ofDays(1), daily.rate().orElseThrow());
        assertTrue(daily.enabled());
    }
}
