package io.promptcms.local.template;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An {@code AWS::Serverless::Function} with Globals applied: its handler class, its code (the jar, relative to the
 * template's directory), timeout, memory, the unresolved environment (Globals first, the function's own variables
 * over them) and its events.
 */
public record FunctionSpec(String logicalId, String handlerClass, String codeUri, Duration timeout, int memoryMb,
                           Map<String, Object> environment, List<EventSource> events) {

    public <T extends EventSource> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
