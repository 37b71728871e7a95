package io.promptcms.local.function;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One function of the template, instantiated once (like a warm Lambda container) and invoked in-process
 * with its Timeout enforced. A function whose class is missing or whose constructor fails stays registered
 * and fails every invocation with the reason, so the rest of the runtime still works.
 */
public final class LocalFunction {

    private final String name;
    private final Duration timeout;
    private final int memoryMb;
    private final RequestHandler<Object, Object> handler;
    private final String unavailableReason;
    private final ExecutorService executor;

    LocalFunction(String name, Duration timeout, int memoryMb, RequestHandler<Object, Object> handler, String unavailableReason,
                  ExecutorService executor) {
        this.name = name;
        this.timeout = timeout;
        this.memoryMb = memoryMb;
        this.handler = handler;
        this.unavailableReason = unavailableReason;
        this.executor = executor;
    }

    public String name() {
        return name;
    }

    public Duration timeout() {
        return timeout;
    }

    public boolean available() {
        return handler != null;
    }

    /**
     * Runs the handler on its own thread and waits at most the function's timeout.
     * @throws FunctionTimeoutException past the timeout (the thread is interrupted)
     * @throws RuntimeException whatever the handler threw, or why the function is unavailable
     */
    public Object invoke(Object event) {
        if (handler == null) {
            throw new IllegalStateException("function " + name + " is unavailable: " + unavailableReason);
        }
        LocalContext context = new LocalContext(UUID.randomUUID().toString(), name, memoryMb, Instant.now().plus(timeout));
        Future<Object> result = executor.submit(() -> handler.handleRequest(event, context));
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            throw new FunctionTimeoutException(name, timeout);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(name + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.cancel(true);
            throw new IllegalStateException("interrupted while " + name + " ran", e);
        }
    }
}
