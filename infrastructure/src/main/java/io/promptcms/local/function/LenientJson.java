package io.promptcms.local.function;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.promptcms.common.Json;
import java.util.Map;

/**
 * Reads what a handler returned (a response POJO such as SimpleIAMPolicyResponse or StreamsEventResponse, or a plain
 * map) as the JSON Lambda would serialise it. Lenient, unlike {@link Json#MAPPER}: it reads other code's output.
 */
public final class LenientJson {

    public static final ObjectMapper MAPPER = Json.MAPPER.copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private LenientJson() {
    }

    public static Map<String, Object> toMap(Object value) {
        if (value == null) {
            return Map.of();
        }
        return MAPPER.convertValue(value, new TypeReference<Map<String, Object>>() { });
    }
}
