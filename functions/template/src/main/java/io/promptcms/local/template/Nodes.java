package io.promptcms.local.template;

import java.util.List;
import java.util.Map;

/** Typed views of parsed YAML nodes: absent or mistyped nodes read as empty, so optional template sections need no null checks. */
final class Nodes {

    private Nodes() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    static Map<String, Object> map(Map<String, Object> parent, String... path) {
        Map<String, Object> current = parent;
        for (String key : path) {
            current = map(current.get(key));
        }
        return current;
    }

    static List<?> list(Object node) {
        return node instanceof List<?> list ? list : List.of();
    }

    static String string(Object node) {
        return node == null ? null : String.valueOf(node);
    }

    static int integer(Object node, int fallback) {
        return node == null ? fallback : Integer.parseInt(String.valueOf(node));
    }

    /** A full-form intrinsic ({@code {Ref: X}}, {@code {"Fn::GetAtt": [..]}}) as the same {@link Intrinsic} the short form gives. */
    static Object normalise(Object node) {
        if (node instanceof Map<?, ?> map && map.size() == 1) {
            String key = String.valueOf(map.keySet().iterator().next());
            if (key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::")) {
                return new Intrinsic(key.startsWith("Fn::") ? key.substring(4) : key, map.values().iterator().next());
            }
        }
        return node;
    }

    /** The logical id an intrinsic points at: {@code !Ref X}, {@code !Ref X.Alias}, {@code !GetAtt X.Attr}, {@code !GetAtt [X, Attr]}. */
    static String referencedId(Object node) {
        if (!(normalise(node) instanceof Intrinsic intrinsic)) {
            return null;
        }
        return switch (intrinsic.function()) {
            case "Ref", "GetAtt" -> intrinsic.argument() instanceof List<?> parts
                    ? String.valueOf(parts.get(0))
                    : String.valueOf(intrinsic.argument()).split("\\.", 2)[0];
            default -> null;
        };
    }
}
