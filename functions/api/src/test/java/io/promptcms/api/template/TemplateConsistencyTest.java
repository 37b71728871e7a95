package io.promptcms.api.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.promptcms.api.http.HttpApiFunction;
import io.promptcms.api.testing.TemplateYaml;
import io.promptcms.common.Env;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * template.yaml is the single wiring source: this test keeps it and the code in step. For every function it
 * checks that the Handler class exists and handles the event type its triggers send, that the code reads no
 * environment variable the template does not declare for that function (the function is built with an
 * {@link Env} that refuses undeclared names), that it uses every one it is given, and that an HTTP
 * function's routes are exactly its HttpApi events, and that its policies grant exactly the tables it is given.
 */
class TemplateConsistencyTest {

    /** Set by Lambda itself (AWS_REGION) or by the local runtime only (endpoint overrides): never declared. */
    private static final Set<String> PLATFORM_VARIABLES = Set.of("AWS_REGION", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_S3");
    /** Read by the JVM, not by our code. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    private static final Map<String, Object> TEMPLATE = TemplateYaml.load();

    @TestFactory
    Stream<DynamicTest> everyHandlerExistsAndHandlesItsEvents() {
        return functions().entrySet().stream().map(function -> DynamicTest.dynamicTest(function.getKey(), () -> {
            Class<?> handler = handlerClass(function.getValue());
            assertTrue(RequestHandler.class.isAssignableFrom(handler), handler + " is not a RequestHandler");
            assertEquals(expectedEventType(function.getKey(), function.getValue()), eventType(handler),
                    function.getKey() + " handles the wrong event type");
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyFunctionReadsExactlyTheVariablesItDeclares() {
        return functions().entrySet().stream().map(function -> DynamicTest.dynamicTest(function.getKey(), () -> {
            Map<String, String> declared = declaredEnvironment(function.getValue());
            Set<String> read = new TreeSet<>();
            Env strict = name -> {
                if (PLATFORM_VARIABLES.contains(name)) {
                    return null;
                }
                if (!declared.containsKey(name)) {
                    fail(function.getKey() + " reads " + name + ", which template.yaml does not declare for it");
                }
                read.add(name);
                return declared.get(name);
            };
            handlerClass(function.getValue()).getConstructor(Env.class).newInstance(strict);
            Set<String> unused = new TreeSet<>(declared.keySet());
            unused.removeAll(read);
            unused.removeAll(JVM_VARIABLES);
            assertTrue(unused.isEmpty(), function.getKey() + " is given variables it never reads: " + unused);
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyHttpFunctionServesExactlyItsRoutes() {
        return functions().entrySet().stream()
                .filter(function -> HttpApiFunction.class.isAssignableFrom(handlerClass(function.getValue())))
                .map(function -> DynamicTest.dynamicTest(function.getKey(), () -> {
                    Map<String, String> env = new HashMap<>(declaredEnvironment(function.getValue()));
                    var instance = (HttpApiFunction) handlerClass(function.getValue()).getConstructor(Env.class).newInstance(Env.of(env));
                    assertEquals(new TreeSet<>(httpRoutes(function.getValue())), new TreeSet<>(instance.routeKeys()));
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyTableAFunctionIsGivenIsCoveredByOneOfItsPolicies() {
        Map<String, Object> resources = map(TEMPLATE.get("Resources"));
        return functions().entrySet().stream().map(function -> DynamicTest.dynamicTest(function.getKey(), () -> {
            Set<String> tablesGiven = new TreeSet<>();
            map(map(function.getValue().get("Environment")).get("Variables")).values().forEach(value -> {
                Object ref = value instanceof Map<?, ?> m ? m.get("Ref") : null;
                if (ref != null && "AWS::DynamoDB::Table".equals(map(resources.get(ref)).get("Type"))) {
                    tablesGiven.add((String) ref);
                }
            });
            Set<String> tablesAllowed = new TreeSet<>();
            for (Object policy : (List<?>) function.getValue().getOrDefault("Policies", List.of())) {
                if (policy instanceof Map<?, ?> template) {
                    template.values().forEach(properties -> {
                        Object table = properties instanceof Map<?, ?> p ? p.get("TableName") : null;
                        if (table instanceof Map<?, ?> ref) {
                            tablesAllowed.add((String) ref.get("Ref"));
                        }
                    });
                }
            }
            assertEquals(tablesGiven, tablesAllowed, function.getKey() + ": tables in its environment vs tables its policies allow");
        }));
    }

    @Test
    void everyFunctionShipsInTheShadedJarThisBuildMakes() throws Exception {
        String codeUri = (String) map(map(TEMPLATE.get("Globals")).get("Function")).get("CodeUri");
        Path pom = TemplateYaml.path().resolveSibling("functions/api/pom.xml");
        String version = Files.readString(TemplateYaml.path().resolveSibling("pom.xml"))
                .replaceAll("(?s).*?<artifactId>promptcms-parent</artifactId>\\s*<version>([^<]+)</version>.*", "$1");
        assertTrue(Files.readString(pom).contains("<shadedClassifierName>lambda</shadedClassifierName>"));
        assertEquals("functions/api/target/promptcms-api-" + version + "-lambda.jar", codeUri);
        functions().values().forEach(function -> assertFalse(function.containsKey("CodeUri"), "one jar for every function"));
    }

    // ------------------------------------------------------------------ reading the template

    private static Map<String, Map<String, Object>> functions() {
        Map<String, Map<String, Object>> functions = new LinkedHashMap<>();
        map(TEMPLATE.get("Resources")).forEach((id, resource) -> {
            Map<String, Object> r = map(resource);
            if ("AWS::Serverless::Function".equals(r.get("Type"))) {
                functions.put(id, map(r.get("Properties")));
            }
        });
        return functions;
    }

    private static Class<?> handlerClass(Map<String, Object> function) {
        String handler = (String) function.get("Handler");
        try {
            return Class.forName(handler.substring(0, handler.indexOf("::")));
        } catch (ClassNotFoundException e) {
            throw new AssertionError("Handler " + handler + " does not exist", e);
        }
    }

    /** The Globals' variables and the function's, with placeholder values (the code must not care which). */
    private static Map<String, String> declaredEnvironment(Map<String, Object> function) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map<String, Object> source : List.of(map(map(TEMPLATE.get("Globals")).get("Function")), function)) {
            Map<String, Object> environment = map(source.get("Environment"));
            map(environment.get("Variables")).forEach((name, value) ->
                    env.put(name, name.endsWith("ENDPOINT") ? "http://127.0.0.1:9" : "placeholder-" + name));
        }
        return env;
    }

    private static List<String> httpRoutes(Map<String, Object> function) {
        List<String> routes = new ArrayList<>();
        events(function).forEach(event -> {
            if ("HttpApi".equals(event.get("Type"))) {
                Map<String, Object> properties = map(event.get("Properties"));
                routes.add(properties.get("Method") + " " + properties.get("Path"));
            }
        });
        return routes;
    }

    private static List<Map<String, Object>> events(Map<String, Object> function) {
        return map(function.get("Events")).values().stream().map(TemplateConsistencyTest::map).toList();
    }

    private static Type expectedEventType(String logicalId, Map<String, Object> function) {
        if (authorizerFunctions().contains(logicalId)) {
            return APIGatewayV2CustomAuthorizerEvent.class;
        }
        Set<Object> triggers = new LinkedHashSet<>();
        events(function).forEach(event -> triggers.add(event.get("Type")));
        assertEquals(1, triggers.size(), logicalId + " must have triggers of one kind: " + triggers);
        return switch ((String) triggers.iterator().next()) {
            case "HttpApi" -> APIGatewayV2HTTPEvent.class;
            case "DynamoDB" -> DynamodbEvent.class;
            case "S3" -> S3Event.class;
            default -> throw new AssertionError(logicalId + ": add the event type of trigger " + triggers + " to this test");
        };
    }

    /** Functions named by an HttpApi authorizer ({@code FunctionArn: !Ref X.Alias}). */
    private static Set<String> authorizerFunctions() {
        Set<String> ids = new LinkedHashSet<>();
        map(TEMPLATE.get("Resources")).values().stream().map(TemplateConsistencyTest::map)
                .filter(r -> "AWS::Serverless::HttpApi".equals(r.get("Type")))
                .forEach(api -> map(map(map(api.get("Properties")).get("Auth")).get("Authorizers")).values().forEach(authorizer -> {
                    String ref = (String) map(map(authorizer).get("FunctionArn")).get("Ref");
                    ids.add(ref.replace(".Alias", ""));
                }));
        return ids;
    }

    private static Type eventType(Class<?> handler) {
        for (Class<?> type = handler; type != null; type = type.getSuperclass()) {
            for (Type implemented : type.getGenericInterfaces()) {
                if (implemented instanceof ParameterizedType parameterized && parameterized.getRawType() == RequestHandler.class) {
                    return parameterized.getActualTypeArguments()[0];
                }
            }
        }
        Method handle = Stream.of(handler.getMethods()).filter(m -> m.getName().equals("handleRequest")).findFirst().orElseThrow();
        return handle.getParameterTypes()[0];
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }
}
