package io.promptcms.local.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Resolves template values to what they are in the local runtime: a table's name is its logical id, the bucket
 * is {@link #bucketName()}, a function reference ({@code !Ref X.Alias}, {@code !GetAtt X.Arn}) is the function's
 * logical id, anything that names the OpenSearch domain is the local OpenSearch URL, parameters take their
 * local values (template Metadata) or defaults and conditions are evaluated on them. Plain values pass through.
 */
public final class LocalValues {

    /** The bucket's local name when the template does not name it. */
    public static final String DEFAULT_BUCKET = "promptcms-local";
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "123456789012";

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final Template template;
    private final String openSearchUrl;

    public LocalValues(Template template, String openSearchUrl) {
        this.template = template;
        this.openSearchUrl = openSearchUrl;
    }

    /** A function's environment, resolved, in declaration order. */
    public Map<String, String> environment(FunctionSpec function) {
        Map<String, String> env = new LinkedHashMap<>();
        function.environment().forEach((name, value) -> env.put(name, resolve(value)));
        return env;
    }

    /**
     * The local name of the template's bucket: its {@code BucketName}, resolved, when the template sets one (it
     * does, to break the bucket ↔ notified-function cycle on AWS), else {@link #DEFAULT_BUCKET}.
     */
    public String bucketName() {
        return template.idsOfType(Template.BUCKET).stream().findFirst()
                .map(id -> template.properties(id).get("BucketName"))
                .map(this::resolve)
                .orElse(DEFAULT_BUCKET);
    }

    /** The table name a table's logical id has locally ({@code TableName} if the template sets one). */
    public String tableName(String logicalId) {
        Object declared = template.properties(logicalId).get("TableName");
        return declared == null ? logicalId : resolve(declared);
    }

    public String resolve(Object value) {
        Object node = Nodes.normalise(value);
        if (node == null) {
            return null;
        }
        if (!(node instanceof Intrinsic intrinsic)) {
            return String.valueOf(node);
        }
        if (namesOpenSearchDomain(intrinsic)) {
            return openSearchUrl;
        }
        Object argument = intrinsic.argument();
        return switch (intrinsic.function()) {
            case "Ref" -> ref(String.valueOf(argument));
            case "GetAtt" -> argument instanceof List<?> parts
                    ? getAtt(String.valueOf(parts.get(0)), String.valueOf(parts.get(1)))
                    : getAtt(String.valueOf(argument).split("\\.", 2)[0], String.valueOf(argument).split("\\.", 2)[1]);
            case "Sub" -> sub(argument);
            case "If" -> {
                List<?> args = Nodes.list(argument);
                yield resolve(condition(String.valueOf(args.get(0))) ? args.get(1) : args.get(2));
            }
            case "Join" -> {
                List<?> args = Nodes.list(argument);
                yield Nodes.list(args.get(1)).stream().map(this::resolve).collect(Collectors.joining(String.valueOf(args.get(0))));
            }
            case "Select" -> {
                List<?> args = Nodes.list(argument);
                yield resolve(Nodes.list(Nodes.normalise(args.get(1))).get(Integer.parseInt(resolve(args.get(0)))));
            }
            default -> throw new IllegalArgumentException("the local runtime cannot resolve !" + intrinsic.function() + " " + argument);
        };
    }

    public boolean condition(String name) {
        return evaluate(template.conditions().get(name));
    }

    private boolean evaluate(Object node) {
        if (!(Nodes.normalise(node) instanceof Intrinsic intrinsic)) {
            return Boolean.parseBoolean(String.valueOf(node));
        }
        List<?> args = intrinsic.argument() instanceof List<?> list ? list : List.of(intrinsic.argument());
        return switch (intrinsic.function()) {
            case "Equals" -> Objects.equals(resolve(args.get(0)), resolve(args.get(1)));
            case "Not" -> !evaluate(args.get(0));
            case "And" -> args.stream().allMatch(this::evaluate);
            case "Or" -> args.stream().anyMatch(this::evaluate);
            case "Condition" -> condition(String.valueOf(args.get(0)));
            default -> throw new IllegalArgumentException("not a condition function: " + intrinsic.function());
        };
    }

    private String ref(String name) {
        String id = name.split("\\.", 2)[0];
        switch (name) {
            case "AWS::Region" -> { return REGION; }
            case "AWS::AccountId" -> { return ACCOUNT; }
            case "AWS::Partition" -> { return "aws"; }
            case "AWS::URLSuffix" -> { return "amazonaws.com"; }
            case "AWS::StackName" -> { return "promptcms-local"; }
            default -> { }
        }
        if (template.parameters().containsKey(id)) {
            Object local = template.localParameterValues().get(id);
            return resolve(local != null ? local : Nodes.map(template.parameters().get(id)).get("Default"));
        }
        return switch (template.typeOf(id).orElse("")) {
            case Template.TABLE -> tableName(id);
            case Template.BUCKET -> bucketName();
            default -> id;
        };
    }

    private String getAtt(String id, String attribute) {
        String type = template.typeOf(id).orElse("");
        return switch (type + "." + attribute) {
            case Template.TABLE + ".Arn" -> "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + tableName(id);
            case Template.BUCKET + ".Arn" -> "arn:aws:s3:::" + bucketName();
            case Template.FUNCTION + ".Arn" -> id;
            default -> id + "." + attribute;
        };
    }

    private String sub(Object argument) {
        List<?> args = argument instanceof List<?> list ? list : List.of(argument);
        Map<String, Object> variables = args.size() > 1 ? Nodes.map(args.get(1)) : Map.of();
        Matcher m = SUB_VARIABLE.matcher(String.valueOf(args.get(0)));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String variable = m.group(1);
            String value = variables.containsKey(variable) ? resolve(variables.get(variable))
                    : variable.contains(".") && !variable.startsWith("AWS::")
                    ? resolve(new Intrinsic("GetAtt", variable))
                    : ref(variable);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** True when any part of the value refers to the OpenSearch domain resource: locally that is one URL. */
    private boolean namesOpenSearchDomain(Object node) {
        Object n = Nodes.normalise(node);
        if (n instanceof Intrinsic intrinsic) {
            String target = Nodes.referencedId(intrinsic);
            if (target != null && template.typeOf(target).orElse("").equals(Template.OPENSEARCH_DOMAIN)) {
                return true;
            }
            if (intrinsic.function().equals("Sub")) {
                Object text = intrinsic.argument() instanceof List<?> list ? list.get(0) : intrinsic.argument();
                Matcher m = SUB_VARIABLE.matcher(String.valueOf(text));
                while (m.find()) {
                    if (template.typeOf(m.group(1).split("\\.", 2)[0]).orElse("").equals(Template.OPENSEARCH_DOMAIN)) {
                        return true;
                    }
                }
            }
            return namesOpenSearchDomain(intrinsic.argument());
        }
        if (n instanceof List<?> list) {
            return list.stream().anyMatch(this::namesOpenSearchDomain);
        }
        return false;
    }
}
