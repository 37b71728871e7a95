package io.promptcms.local.gateway;

import io.promptcms.local.template.EventSource.HttpRoute;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * API Gateway HTTP API route selection: a route matches on method (or ANY) and path, where {@code {name}} takes
 * one segment and {@code {name+}} the rest; the most specific route wins (more literal segments first).
 * A request no route matches goes to the {@code $default} route, if there is one.
 */
public final class RouteTable {

    /** A declared route and the function that serves it. */
    public record Entry(HttpRoute route, String function, String apiId) {
    }

    /** The route a request selected, with its path parameters (URL-decoded). */
    public record Match(Entry entry, Map<String, String> pathParameters) {
        public String routeKey() {
            return entry.route().routeKey();
        }
    }

    private final List<Entry> routes;
    private final Entry fallback;

    public RouteTable(List<Entry> entries) {
        this.routes = entries.stream().filter(e -> !e.route().isDefault())
                .sorted(Comparator.comparingLong(RouteTable::literalSegments).reversed()
                        .thenComparing(e -> e.route().method().equals("ANY")))
                .toList();
        this.fallback = entries.stream().filter(e -> e.route().isDefault()).findFirst().orElse(null);
    }

    public Optional<Match> match(String method, String rawPath) {
        String[] actual = segments(rawPath);
        for (Entry entry : routes) {
            String declared = entry.route().method();
            if (!declared.equals("ANY") && !declared.equals(method)) {
                continue;
            }
            Map<String, String> parameters = bind(segments(entry.route().path()), actual);
            if (parameters != null) {
                return Optional.of(new Match(entry, parameters));
            }
        }
        return Optional.ofNullable(fallback).map(entry -> new Match(entry, Map.of()));
    }

    private static Map<String, String> bind(String[] template, String[] actual) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            String part = template[i];
            boolean variable = part.startsWith("{") && part.endsWith("}");
            if (variable && part.endsWith("+}")) {
                if (i >= actual.length) {
                    return null;
                }
                String rest = String.join("/", java.util.Arrays.copyOfRange(actual, i, actual.length));
                parameters.put(part.substring(1, part.length() - 2), decode(rest));
                return parameters;
            }
            if (i >= actual.length) {
                return null;
            }
            if (variable) {
                if (actual[i].isEmpty()) {
                    return null;
                }
                parameters.put(part.substring(1, part.length() - 1), decode(actual[i]));
            } else if (!part.equals(actual[i])) {
                return null;
            }
        }
        return template.length == actual.length ? parameters : null;
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    private static long literalSegments(Entry entry) {
        String[] parts = segments(entry.route().path());
        return java.util.Arrays.stream(parts).filter(p -> !p.startsWith("{")).count() * 1000 + parts.length;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
