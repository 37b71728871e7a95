package io.promptcms.local.function;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.promptcms.common.Env;
import io.promptcms.local.template.FunctionSpec;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The template's functions, each built once through its public {@code (Env)} constructor. */
public final class Functions implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Functions.class.getName());

    private final Map<String, LocalFunction> byName = new LinkedHashMap<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(Thread.ofPlatform().name("lambda-", 0).daemon().factory());

    /** @param environments each function's resolved environment, keyed by logical id */
    public Functions(Iterable<FunctionSpec> specs, Map<String, Map<String, String>> environments) {
        for (FunctionSpec spec : specs) {
            RequestHandler<Object, Object> handler = null;
            String reason = null;
            try {
                handler = instantiate(spec.handlerClass(), Env.of(environments.get(spec.logicalId())));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
                reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
                LOG.log(System.Logger.Level.WARNING, "function {0} ({1}) is unavailable: {2}", spec.logicalId(), spec.handlerClass(), reason);
            }
            byName.put(spec.logicalId(), new LocalFunction(spec.logicalId(), spec.timeout(), spec.memoryMb(), handler, reason, executor));
        }
    }

    public Optional<LocalFunction> get(String logicalId) {
        return Optional.ofNullable(byName.get(logicalId));
    }

    public LocalFunction require(String logicalId) {
        return get(logicalId).orElseThrow(() -> new IllegalArgumentException("no function " + logicalId + " in the template"));
    }

    public Map<String, LocalFunction> all() {
        return Map.copyOf(byName);
    }

    @SuppressWarnings("unchecked")
    private static RequestHandler<Object, Object> instantiate(String className, Env env) throws ReflectiveOperationException {
        if (className == null) {
            throw new ClassNotFoundException("no Handler declared");
        }
        Class<?> type = Class.forName(className);
        if (!RequestHandler.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(className + " is not a RequestHandler");
        }
        return (RequestHandler<Object, Object>) type.getConstructor(Env.class).newInstance(env);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
