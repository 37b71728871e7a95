package io.promptcms.local.gateway;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An HTTP request as the local gateway received it, before it becomes a Lambda event. Header names are lower-cased. */
public record GatewayRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body,
                             String sourceIp) {

    public GatewayRequest {
        Map<String, List<String>> lower = new TreeMap<>();
        headers.forEach((name, values) -> lower.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values),
                (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList()));
        headers = Map.copyOf(lower);
        rawQuery = rawQuery == null ? "" : rawQuery;
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(String.join(",", values));
    }
}
