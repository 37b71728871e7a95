package io.promptcms.aws;

import java.util.function.BiConsumer;
import java.util.function.Function;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/** Short forms for the plain text and number attributes of a static {@code TableSchema} (job records have many). */
public final class SchemaAttributes {

    private SchemaAttributes() {
    }

    public static <T> void text(StaticTableSchema.Builder<T> builder, String name, Function<T, String> get, BiConsumer<T, String> set) {
        builder.addAttribute(String.class, a -> a.name(name).getter(get).setter(set));
    }

    public static <T> void number(StaticTableSchema.Builder<T> builder, String name, Function<T, Long> get, BiConsumer<T, Long> set) {
        builder.addAttribute(Long.class, a -> a.name(name).getter(get).setter(set));
    }
}
