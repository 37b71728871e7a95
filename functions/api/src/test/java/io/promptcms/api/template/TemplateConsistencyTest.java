package io.promptcms.api.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.promptcms.api.http.HttpApiFunction;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.local.template.EventSource;
import io.promptcms.local.template.FunctionSpec;
import io.promptcms.local.template.Intrinsic;
import io.promptcms.local.template.LocalValues;
import io.promptcms.local.template.Template;
import io.promptcms.local.template.TemplateReader;
import io.promptcms.testing.TemplateTables;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * {@link Env} that refuses undeclared names), that it uses every one it is given, that an HTTP function's routes
 * are exactly its HttpApi events, and that its policies grant exactly the tables it is given.
 */
class TemplateConsistencyTest {

    private static final Path TEMPLATE_FILE = TemplateTables.templateFile();
    private static final Template TEMPLATE = TemplateReader.read(TEMPLATE_FILE);

    @TestFactory
    Stream<DynamicTest> everyHandlerExistsAndHandlesItsEvents() {
        return TEMPLATE.functions().stream().map(function -> DynamicTest.dynamicTest(function.logicalId(), () -> {
            Class<?> handler = handlerClass(function);
            assertTrue(RequestHandler.class.isAssignableFrom(handler), handler + " is not a RequestHandler");
            assertEquals(expectedEventType(function), rawType(eventType(handler)), function.logicalId() + " handles the wrong event type");
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyFunctionReadsExactlyTheVariablesItDeclares() {
        return TEMPLATE.functions().stream().map(function -> DynamicTest.dynamicTest(function.logicalId(), () -> {
            Map<String, String> declared = declaredEnvironment(function);
            Set<String> read = new TreeSet<>();
            Env strict = name -> {
                if (EnvNames.SET_BY_PLATFORM.contains(name)) {
                    return null;
                }
                if (!declared.containsKey(name)) {
                    fail(function.logicalId() + " reads " + name + ", which template.yaml does not declare for it");
                }
                read.add(name);
                return declared.get(name);
            };
            handlerClass(function).getConstructor(Env.class).newInstance(strict);
            Set<String> unused = new TreeSet<>(declared.keySet());
            unused.removeAll(read);
            unused.removeAll(EnvNames.READ_BY_JVM);
            assertTrue(unused.isEmpty(), function.logicalId() + " is given variables it never reads: " + unused);
        }));
    }

    @Test
    void everyVariableTheTemplateDeclaresIsNamedInEnvNames() throws IllegalAccessException {
        Set<String> named = new TreeSet<>();
        for (Field field : EnvNames.class.getFields()) {
            if (field.getType() == String.class) {
                named.add((String) field.get(null));
            }
        }
        Set<String> unnamed = new TreeSet<>();
        TEMPLATE.functions().forEach(function -> unnamed.addAll(declaredEnvironment(function).keySet()));
        unnamed.removeAll(named);
        assertTrue(unnamed.isEmpty(), "name these in EnvNames: " + unnamed);
    }

    @TestFactory
    Stream<DynamicTest> everyHttpFunctionServesExactlyItsRoutes() {
        return TEMPLATE.functions().stream()
                .filter(function -> HttpApiFunction.class.isAssignableFrom(handlerClass(function)))
                .map(function -> DynamicTest.dynamicTest(function.logicalId(), () -> {
                    var instance = (HttpApiFunction) handlerClass(function).getConstructor(Env.class)
                            .newInstance(Env.of(declaredEnvironment(function)));
                    Set<String> routes = new TreeSet<>();
                    function.events(EventSource.HttpRoute.class).forEach(route -> routes.add(route.routeKey()));
                    assertEquals(routes, new TreeSet<>(instance.routeKeys()));
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyTableAFunctionIsGivenIsCoveredByOneOfItsPolicies() {
        return TEMPLATE.functions().stream().map(function -> DynamicTest.dynamicTest(function.logicalId(), () -> {
            Set<String> tablesGiven = new TreeSet<>();
            function.environment().values().forEach(value -> refTo(value)
                    .filter(id -> TEMPLATE.typeOf(id).orElse("").equals(Template.TABLE))
                    .ifPresent(tablesGiven::add));
            Set<String> tablesAllowed = new TreeSet<>();
            Object policies = TEMPLATE.properties(function.logicalId()).getOrDefault("Policies", List.of());
            for (Object policy : (List<?>) policies) {
                if (policy instanceof Map<?, ?> policyTemplate) {
                    policyTemplate.values().forEach(properties -> {
                        if (properties instanceof Map<?, ?> p) {
                            refTo(p.get("TableName")).ifPresent(tablesAllowed::add);
                        }
                    });
                }
            }
            assertEquals(tablesGiven, tablesAllowed, function.logicalId() + ": tables in its environment vs tables its policies allow");
        }));
    }

    @Test
    void everyFunctionShipsInTheShadedJarThisBuildMakes() throws Exception {
        String globalCodeUri = String.valueOf(TEMPLATE.globalFunctionProperties().get("CodeUri"));
        Path root = TEMPLATE_FILE.getParent();
        String version = Files.readString(root.resolve("pom.xml"))
                .replaceAll("(?s).*?<artifactId>promptcms-parent</artifactId>\\s*<version>([^<]+)</version>.*", "$1");
        assertEquals("functions/api/target/promptcms-api-" + version + "-lambda.jar", globalCodeUri);
        for (FunctionSpec function : TEMPLATE.functions()) {
            // functions/<module>/target/promptcms-<module>-<version>-lambda.jar, the module holding the handler's source
            String module = function.codeUri().split("/")[1];
            assertEquals("functions/" + module + "/target/promptcms-" + module + "-" + version + "-lambda.jar", function.codeUri(), function.logicalId());
            assertTrue(Files.readString(root.resolve("functions/" + module + "/pom.xml")).contains("<shadedClassifierName>lambda</shadedClassifierName>"),
                    module + " makes no lambda jar");
            Path source = root.resolve("functions/" + module + "/src/main/java/" + function.handlerClass().replace('.', '/') + ".java");
            assertTrue(Files.isRegularFile(source), function.logicalId() + "'s handler is not in " + module);
        }
        Set<String> ownJar = new TreeSet<>();
        TEMPLATE.functions().stream().filter(function -> TEMPLATE.properties(function.logicalId()).containsKey("CodeUri"))
                .forEach(function -> ownJar.add(function.logicalId()));
        assertEquals(Set.of("AuthorizerFunction"), ownJar, "the authorizer has its own jar, every other function shares the api jar");
    }

    // ------------------------------------------------------------------ reading the template

    private static Class<?> handlerClass(FunctionSpec function) {
        try {
            return Class.forName(function.handlerClass());
        } catch (ClassNotFoundException e) {
            throw new AssertionError("Handler " + function.handlerClass() + " does not exist", e);
        }
    }

    /** The function's variables (Globals' and its own), resolved as the local runtime resolves them. */
    private static Map<String, String> declaredEnvironment(FunctionSpec function) {
        return new LocalValues(TEMPLATE, "http://127.0.0.1:9").environment(function);
    }

    private static Type expectedEventType(FunctionSpec function) {
        if (authorizerFunctions().contains(function.logicalId())) {
            return APIGatewayV2CustomAuthorizerEvent.class;
        }
        Set<Class<?>> triggers = new LinkedHashSet<>();
        function.events().forEach(event -> triggers.add(event.getClass()));
        if (triggers.isEmpty()) {
            return Map.class; // invoked by hand (aws lambda invoke) with a JSON object
        }
        assertEquals(1, triggers.size(), function.logicalId() + " must have triggers of one kind: " + triggers);
        Class<?> trigger = triggers.iterator().next();
        if (trigger == EventSource.HttpRoute.class) {
            return APIGatewayV2HTTPEvent.class;
        } else if (trigger == EventSource.StreamSource.class) {
            return DynamodbEvent.class;
        } else if (trigger == EventSource.S3Source.class) {
            return S3Event.class;
        } else if (trigger == EventSource.ScheduleSource.class) {
            return ScheduledEvent.class;
        }
        throw new AssertionError(function.logicalId() + ": add the event type of trigger " + trigger + " to this test");
    }

    /** Functions named by an HttpApi's default authorizer. */
    private static Set<String> authorizerFunctions() {
        Set<String> ids = new LinkedHashSet<>();
        TEMPLATE.idsOfType(Template.HTTP_API).forEach(api -> TEMPLATE.defaultAuthorizer(api).ifPresent(a -> ids.add(a.function())));
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
        throw new AssertionError(handler + " does not declare RequestHandler<Event, Response>");
    }

    private static Type rawType(Type type) {
        return type instanceof ParameterizedType parameterized ? parameterized.getRawType() : type;
    }

    private static Optional<String> refTo(Object value) {
        return value instanceof Intrinsic(String function, Object argument) && function.equals("Ref")
                ? Optional.of(String.valueOf(argument)) : Optional.empty();
    }
}
