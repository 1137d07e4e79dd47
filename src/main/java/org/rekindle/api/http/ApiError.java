package org.rekindle.api.http;

import java.util.List;

import org.rekindle.bundle.Problem;
import org.rekindle.content.FieldProblem;

/**
 * A request that cannot be served, with the HTTP status, a stable snake_case code and a message
 * that says what to do. Handlers throw it; {@code api.ErrorMapper} turns it into the one JSON error shape.
 */
public final class ApiError extends RuntimeException {

    private final int status;
    private final String code;
    private final transient List<FieldProblem> errors;
    private final transient List<Problem> problems;

    public ApiError(int status, String code, String message, List<FieldProblem> errors) {
        this(status, code, message, errors, List.of());
    }

    private ApiError(int status, String code, String message, List<FieldProblem> errors, List<Problem> problems) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
        this.problems = List.copyOf(problems);
    }

    public ApiError(int status, String code, String message) {
        this(status, code, message, List.of());
    }

    public static ApiError badRequest(String code, String field, String problem) {
        return new ApiError(400, code, problem, List.of(new FieldProblem(field, problem)));
    }

    /**
     * A ruleset that is not valid (422 for a candidate the caller sent or asked for). Each problem is
     * in {@code errors} as {@code {field: "file:line:column", problem: message}}, like every other
     * error, and in {@code problems} as {@code {file, line, column, message}} for tools that jump to
     * the place.
     */
    public static ApiError invalidRuleset(int status, String code, String message, List<Problem> problems) {
        List<FieldProblem> errors = problems.stream().map(p -> new FieldProblem(p.file() + ":" + p.line() + ":"
                + p.column(), p.message())).toList();
        return new ApiError(status, code, message, errors, problems);
    }

    /** 503: no ruleset has gone live yet (the server is still starting). */
    public static ApiError noRuleset() {
        return new ApiError(503, "ruleset_unavailable", "no ruleset is live yet; GET /health says when one is");
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

    public List<Problem> problems() {
        return problems;
    }

    /**
     * The wire shape: {@code {code, message, errors:[{field, problem}]}}, plus {@code problems:[{file,
     * line, column, message}]} for a ruleset that is not valid (left out otherwise).
     */
    public record Body(String code, String message, List<FieldProblem> errors, List<Problem> problems) {
    }

    public Body body() {
        return new Body(code, getMessage(), errors, problems.isEmpty() ? null : problems);
    }
}
