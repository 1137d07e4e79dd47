package org.rekindle.api;

import java.util.List;

import org.rekindle.content.FieldProblem;

/**
 * A request that cannot be served, with the HTTP status, a stable snake_case code and a message
 * that says what to do. Handlers throw it; {@link ErrorMapper} turns it into the one JSON error shape.
 */
public final class ApiError extends RuntimeException {

    private final int status;
    private final String code;
    private final transient List<FieldProblem> errors;

    public ApiError(int status, String code, String message, List<FieldProblem> errors) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    public ApiError(int status, String code, String message) {
        this(status, code, message, List.of());
    }

    public static ApiError badRequest(String code, String field, String problem) {
        return new ApiError(400, code, problem, List.of(new FieldProblem(field, problem)));
    }

    public static ApiError notFound(String what) {
        return new ApiError(404, "not_found", what);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    /** The wire shape: {@code {code, message, errors:[{field, problem}]}}. */
    public record Body(String code, String message, List<FieldProblem> errors) {
    }

    public Body body() {
        return new Body(code, getMessage(), errors);
    }
}
