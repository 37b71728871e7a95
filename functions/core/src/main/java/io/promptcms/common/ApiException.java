package io.promptcms.common;

import java.util.List;

/** A failure the caller can act on; the HTTP layer turns it into an RFC 9457 problem. */
public class ApiException extends RuntimeException {

    private final ProblemType type;
    private final List<FieldError> errors;

    public ApiException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ApiException(ProblemType type, String detail, List<FieldError> errors) {
        super(detail);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public static ApiException notFound(String what) {
        return new ApiException(ProblemType.NOT_FOUND, what + " not found");
    }

    public static ApiException validation(List<FieldError> errors) {
        return new ApiException(ProblemType.VALIDATION, errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid", errors);
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(ProblemType.BAD_REQUEST, detail);
    }
}
