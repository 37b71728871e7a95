package io.promptcms.common;

/** One invalid field of a request: {@code field} is a JSON pointer-like path such as {@code tags[3]}. */
public record FieldError(String field, String message) {
}
