package io.promptcms.local.template;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** A parsed SAM template: the resources, functions, tables and authorizers the local runtime emulates. */
public final class Template {

    public static final String FUNCTION = "AWS::Serverless::Function";
    public static final String HTTP_API = "AWS::Serverless::HttpApi";
    public static final String TABLE = "AWS::DynamoDB::Table";
    public static final String BUCKET = "AWS::S3::Bucket";
    public static final String OPENSEARCH_DOMAIN = "AWS::OpenSearchService::Domain";

    private final Map<String, Object> root;

    Template(Map<String, Object> root) {
        this.root = root;
    }

    public Map<String, Object> resources() {
        return Nodes.map(root.get("Resources"));
    }

    public Map<String, Object> properties(String logicalId) {
        return Nodes.map(Nodes.map(resources().get(logicalId)), "Properties");
    }

    public Optional<String> typeOf(String logicalId) {
        return Optional.ofNullable(Nodes.string(Nodes.map(resources().get(logicalId)).get("Type")));
    }

    public List<String> idsOfType(String type) {
        return resources().keySet().stream().filter(id -> typeOf(id).orElse("").equals(type)).toList();
    }

    Map<String, Object> parameters() {
        return Nodes.map(root.get("Parameters"));
    }

    /**
     * Parameter values the local runtime uses instead of the defaults ({@code Metadata.PromptCMS::LocalRuntime.
     * ParameterValues}), e.g. the offline model provider: what differs locally is declared in the template too.
     */
    Map<String, Object> localParameterValues() {
        return Nodes.map(root, "Metadata", "PromptCMS::LocalRuntime", "ParameterValues");
    }

    Map<String, Object> conditions() {
        return Nodes.map(root.get("Conditions"));
    }

    /** {@code Globals.Function}: the properties every function inherits. */
    public Map<String, Object> globalFunctionProperties() {
        return Nodes.map(root, "Globals", "Function");
    }

    public List<FunctionSpec> functions() {
        Map<String, Object> globals = globalFunctionProperties();
        List<FunctionSpec> functions = new ArrayList<>();
        for (String id : idsOfType(FUNCTION)) {
            Map<String, Object> props = properties(id);
            String handler = Nodes.string(props.getOrDefault("Handler", globals.get("Handler")));
            Map<String, Object> environment = new LinkedHashMap<>(Nodes.map(globals, "Environment", "Variables"));
            environment.putAll(Nodes.map(props, "Environment", "Variables"));
            functions.add(new FunctionSpec(id,
                    handler == null ? null : handler.split("::", 2)[0],
                    Nodes.string(props.getOrDefault("CodeUri", globals.get("CodeUri"))),
                    Duration.ofSeconds(Nodes.integer(props.getOrDefault("Timeout", globals.get("Timeout")), 3)),
                    Nodes.integer(props.getOrDefault("MemorySize", globals.get("MemorySize")), 128),
                    environment,
                    events(Nodes.map(props.get("Events")))));
        }
        return functions;
    }

    public Optional<FunctionSpec> function(String logicalId) {
        return functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst();
    }

    /** The default authorizer of an HttpApi resource, if it declares one. */
    public Optional<AuthorizerSpec> defaultAuthorizer(String apiId) {
        Map<String, Object> auth = Nodes.map(properties(apiId), "Auth");
        String name = Nodes.string(auth.get("DefaultAuthorizer"));
        return name == null ? Optional.empty() : authorizer(apiId, name);
    }

    public Optional<AuthorizerSpec> authorizer(String apiId, String name) {
        Map<String, Object> spec = Nodes.map(properties(apiId), "Auth", "Authorizers", name);
        String function = Nodes.referencedId(spec.get("FunctionArn"));
        if (function == null) {
            return Optional.empty();
        }
        List<String> headers = Nodes.list(Nodes.map(spec, "Identity").get("Headers")).stream().map(String::valueOf).toList();
        return Optional.of(new AuthorizerSpec(name, function, headers));
    }

    private static List<EventSource> events(Map<String, Object> events) {
        List<EventSource> sources = new ArrayList<>();
        events.forEach((name, node) -> {
            Map<String, Object> event = Nodes.map(node);
            Map<String, Object> p = Nodes.map(event.get("Properties"));
            switch (Nodes.string(event.get("Type"))) {
                case "HttpApi" -> sources.add(new EventSource.HttpRoute(name,
                        Nodes.string(p.getOrDefault("Method", "ANY")).toUpperCase(Locale.ROOT),
                        Nodes.string(p.getOrDefault("Path", EventSource.HttpRoute.DEFAULT_PATH)),
                        Nodes.referencedId(p.get("ApiId")),
                        Nodes.string(Nodes.map(p, "Auth").get("Authorizer"))));
                case "DynamoDB" -> sources.add(new EventSource.StreamSource(name, Nodes.referencedId(p.get("Stream")),
                        Nodes.integer(p.get("BatchSize"), 100),
                        Nodes.integer(p.get("MaximumRetryAttempts"), -1),
                        Nodes.list(p.get("FunctionResponseTypes")).contains("ReportBatchItemFailures"),
                        eventNameFilter(p)));
                case "S3" -> {
                    String prefix = "";
                    String suffix = "";
                    for (Object rule : Nodes.list(Nodes.map(p, "Filter", "S3Key").get("Rules"))) {
                        Map<String, Object> r = Nodes.map(rule);
                        String value = Nodes.string(r.get("Value"));
                        if ("prefix".equalsIgnoreCase(Nodes.string(r.get("Name")))) {
                            prefix = value;
                        } else {
                            suffix = value;
                        }
                    }
                    Object declared = p.get("Events");
                    List<String> types = declared instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                            : List.of(String.valueOf(declared));
                    sources.add(new EventSource.S3Source(name, Nodes.referencedId(p.get("Bucket")), types, prefix, suffix));
                }
                case "Schedule", "ScheduleV2" -> sources.add(new EventSource.ScheduleSource(name,
                        Nodes.string(p.get("Schedule") != null ? p.get("Schedule") : p.get("ScheduleExpression")),
                        !"false".equalsIgnoreCase(Nodes.string(p.getOrDefault("Enabled", p.getOrDefault("State", "true"))))
                                && !"DISABLED".equalsIgnoreCase(Nodes.string(p.get("State")))));
                case null, default -> {
                    // other event types (SQS, EventBridge rules, …) have no local emulation
                }
            }
        });
        return sources;
    }

    /**
     * The {@code eventName} values a stream mapping's filter patterns allow; a pattern is JSON, which YAML reads.
     * Only event-name filters are understood: a pattern on anything else is refused rather than ignored.
     */
    private static Set<String> eventNameFilter(Map<String, Object> properties) {
        Set<String> names = new TreeSet<>();
        for (Object filter : Nodes.list(Nodes.map(properties, "FilterCriteria").get("Filters"))) {
            Map<String, Object> pattern = Nodes.map(new org.yaml.snakeyaml.Yaml().load(Nodes.string(Nodes.map(filter).get("Pattern"))));
            if (!pattern.keySet().equals(Set.of("eventName"))) {
                throw new IllegalArgumentException("the local runtime only understands eventName stream filters: " + pattern);
            }
            Nodes.list(pattern.get("eventName")).forEach(name -> names.add(String.valueOf(name)));
        }
        return Set.copyOf(names);
    }
}
