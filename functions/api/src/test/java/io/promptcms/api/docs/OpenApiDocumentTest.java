package io.promptcms.api.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.promptcms.api.http.ApiResponse;
import io.promptcms.common.Env;
import io.promptcms.common.Json;
import io.promptcms.common.ProblemType;
import io.promptcms.local.template.EventSource.HttpRoute;
import io.promptcms.local.template.TemplateReader;
import io.promptcms.testing.TemplateTables;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The served OpenAPI document against template.yaml (the routes that exist) and against itself (a valid document). */
class OpenApiDocumentTest {

    private static final Set<String> OPERATION_KEYS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

    private static ApiResponse served;
    private static JsonNode document;
    /** The HttpApi events of every function in the template, without the {@code $default} catch-all. */
    private static List<HttpRoute> templateRoutes;

    @BeforeAll
    static void load() throws IOException {
        served = new OpenApiFunction(Env.of(Map.of())).handle(APIGatewayV2HTTPEvent.builder()
                .withRouteKey(OpenApiFunction.ROUTE_KEY).withRawPath("/api/v1/openapi.json").build());
        document = Json.MAPPER.readTree(served.body());
        templateRoutes = TemplateReader.read(TemplateTables.templateFile()).functions().stream()
                .flatMap(function -> function.events(HttpRoute.class).stream())
                .filter(route -> !route.isDefault())
                .toList();
    }

    @Test
    void servesTheResourceAsCacheableJson() throws IOException {
        assertEquals(200, served.status());
        assertEquals("application/json", served.headers().get("content-type"));
        assertTrue(served.headers().get("cache-control").contains("max-age="), served.headers().toString());
        try (InputStream resource = OpenApiFunction.class.getResourceAsStream("/openapi.json")) {
            assertEquals(new String(resource.readAllBytes(), StandardCharsets.UTF_8), served.body());
        }
    }

    @Test
    void isAnOpenApi31Document() {
        assertEquals("3.1.0", document.path("openapi").asText());
        assertFalse(document.path("info").path("title").asText().isBlank());
        assertFalse(document.path("info").path("version").asText().isBlank());
        assertEquals("bearer", document.at("/components/securitySchemes/apiKey/scheme").asText());
    }

    @Test
    void everyTemplateRouteIsDocumented() {
        Set<String> documented = documentedRouteKeys();
        List<String> missing = templateRoutes.stream().map(HttpRoute::routeKey).filter(key -> !documented.contains(key)).toList();
        assertTrue(missing.isEmpty(), "routes of template.yaml missing from openapi.json: " + missing);
        assertFalse(templateRoutes.isEmpty());
    }

    @Test
    void everyDocumentedOperationIsATemplateRoute() {
        Set<String> declared = templateRoutes.stream().map(HttpRoute::routeKey).collect(Collectors.toSet());
        List<String> extra = documentedRouteKeys().stream().filter(key -> !declared.contains(key)).toList();
        assertTrue(extra.isEmpty(), "operations in openapi.json that template.yaml does not route: " + extra);
    }

    @Test
    void operationsArePublicExactlyWhereTheTemplateSkipsTheAuthorizer() {
        for (HttpRoute route : templateRoutes) {
            JsonNode operation = operation(route.routeKey());
            boolean publicRoute = "NONE".equals(route.authorizer());
            JsonNode security = operation.has("security") ? operation.get("security") : document.get("security");
            if (publicRoute) {
                assertTrue(security.isArray() && security.isEmpty(), route.routeKey() + " is public but documented with security " + security);
            } else {
                assertEquals(1, security.size(), route.routeKey());
                JsonNode scopes = security.get(0).path("apiKey");
                assertTrue(scopes.isArray() && scopes.size() == 1, route.routeKey() + " should name the one scope it requires: " + security);
            }
        }
    }

    @Test
    void everyRefResolvesInsideTheDocument() {
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        List<String> broken = refs.stream().filter(ref -> !ref.startsWith("#/") || document.at(ref.substring(1)).isMissingNode()).toList();
        assertTrue(broken.isEmpty(), "unresolved $refs: " + broken);
        assertFalse(refs.isEmpty());
    }

    @Test
    void everyPathParameterIsDeclaredAndRequired() {
        document.get("paths").properties().forEach(path -> {
            Set<String> inPath = new TreeSet<>();
            Matcher matcher = PATH_PARAMETER.matcher(path.getKey());
            while (matcher.find()) {
                inPath.add(matcher.group(1));
            }
            operations(path.getValue()).forEach(operation -> {
                Set<String> declared = new TreeSet<>();
                for (JsonNode parameter : concat(path.getValue().path("parameters"), operation.path("parameters"))) {
                    JsonNode resolved = resolve(parameter);
                    if (resolved.path("in").asText().equals("path")) {
                        assertTrue(resolved.path("required").asBoolean(), path.getKey() + ": path parameter " + resolved.path("name") + " must be required");
                        declared.add(resolved.path("name").asText());
                    }
                }
                assertEquals(inPath, declared, path.getKey() + " " + operation.path("operationId").asText());
            });
        });
    }

    @Test
    void operationIdsAreUnique() {
        List<String> ids = new ArrayList<>();
        document.get("paths").forEach(item -> operations(item).forEach(operation -> ids.add(operation.path("operationId").asText())));
        assertEquals(ids.size(), new HashSet<>(ids).size(), ids.toString());
        assertFalse(ids.contains(""), "every operation has an operationId");
    }

    @Test
    void problemTypesAreExactlyThoseTheCodeReports() {
        Set<String> documented = StreamSupport.stream(document.at("/components/schemas/Problem/properties/type/enum").spliterator(), false)
                .map(JsonNode::asText).collect(Collectors.toSet());
        Set<String> reported = Arrays.stream(ProblemType.values()).map(ProblemType::uri).collect(Collectors.toSet());
        assertEquals(reported, documented);
    }

    private static Set<String> documentedRouteKeys() {
        Set<String> keys = new TreeSet<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(field -> {
            if (OPERATION_KEYS.contains(field.getKey())) {
                keys.add(field.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return keys;
    }

    private static JsonNode operation(String routeKey) {
        int space = routeKey.indexOf(' ');
        return document.path("paths").path(routeKey.substring(space + 1)).path(routeKey.substring(0, space).toLowerCase(Locale.ROOT));
    }

    private static List<JsonNode> operations(JsonNode pathItem) {
        List<JsonNode> operations = new ArrayList<>();
        pathItem.properties().forEach(field -> {
            if (OPERATION_KEYS.contains(field.getKey())) {
                operations.add(field.getValue());
            }
        });
        return operations;
    }

    private static List<JsonNode> concat(JsonNode first, JsonNode second) {
        List<JsonNode> all = new ArrayList<>();
        first.forEach(all::add);
        second.forEach(all::add);
        return all;
    }

    private static JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? document.at(node.get("$ref").asText().substring(1)) : node;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject() && node.has("$ref")) {
            refs.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, refs));
    }
}
