package io.promptcms.common;

import java.util.function.Supplier;

/**
 * A value built on first use, once, thread-safely. Clients that only some requests need (S3 for very large
 * content, OpenSearch for searches) are built this way so they do not lengthen every cold start; SnapStart
 * priming builds them before the snapshot instead.
 */
public final class Lazy<T> implements Supplier<T> {

    private final Supplier<T> factory;
    private volatile T value;

    private Lazy(Supplier<T> factory) {
        this.factory = factory;
    }

    public static <T> Lazy<T> of(Supplier<T> factory) {
        return new Lazy<>(factory);
    }

    @Override
    public T get() {
        T current = value;
        if (current == null) {
            synchronized (this) {
                current = value;
                if (current == null) {
                    current = factory.get();
                    value = current;
                }
            }
        }
        return current;
    }
}
