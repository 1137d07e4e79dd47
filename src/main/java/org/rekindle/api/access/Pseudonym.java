package org.rekindle.api.access;

import java.util.regex.Pattern;

import org.rekindle.api.http.ApiError;

/**
 * The one syntax of every id the API takes from a caller: assessment ids in paths, and the
 * {@code subject} and {@code couple} pseudonyms in bodies and paths. 1 to {@value #MAX_LENGTH}
 * ASCII letters, digits and {@code . _ ~ : -}, with at least one letter or digit: every such id
 * can be put in a URL path segment as it is (no escaping), and none is a dot-segment
 * ({@code .} or {@code ..}) that a path would normalise away.
 *
 * <p>Checked before an id is used for anything (a lookup, an erasure, a message), so a malformed
 * id is a 400 naming the field, never a 500 or a database round trip.
 */
public final class Pseudonym {

    public static final int MAX_LENGTH = 128;

    /** How the syntax reads in an error message and in the OpenAPI document. */
    public static final String DESCRIPTION = "1-" + MAX_LENGTH + " letters, digits or . _ ~ : - (at least one letter "
            + "or digit)";

    /** The syntax as a regular expression, for the OpenAPI document. */
    public static final String PATTERN = "^(?=.*[A-Za-z0-9])[A-Za-z0-9._~:-]{1," + MAX_LENGTH + "}$";

    public static final Pattern SYNTAX = Pattern.compile(PATTERN);

    private Pseudonym() {
    }

    static boolean valid(String id) {
        return id != null && SYNTAX.matcher(id).matches();
    }

    /**
     * {@code id} if it has the syntax.
     *
     * @param field the name the caller knows the value by ({@code id}, {@code subject})
     * @throws ApiError 400 {@code invalid_id} naming {@code field}; the message does not quote the value
     */
    public static String require(String field, String id) {
        if (!valid(id)) {
            throw ApiError.badRequest("invalid_id", field, field + " must be " + DESCRIPTION);
        }
        return id;
    }
}
