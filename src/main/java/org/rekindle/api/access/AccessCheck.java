package org.rekindle.api.access;

import java.util.Set;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;

import org.rekindle.api.http.ApiError;

/** Checks the bearer token of every request against the route's roles, before its handler runs. */
public final class AccessCheck {

    /** Context attribute holding the {@link Access.Caller}; absent when the server runs open. */
    public static final String CALLER = "rekindle.caller";

    private final Access access;

    public AccessCheck(Access access) {
        this.access = access;
    }

    public void check(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (access.isOpen() || roles.isEmpty() || roles.contains(Role.ANYONE)) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiError(401, "unauthorized", "send your token as Authorization: Bearer <token>");
        }
        Access.Caller caller = access.identify(header.substring(7).strip());
        if (caller == null) {
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            throw new ApiError(401, "unauthorized", "the bearer token is not known; check the token you were given");
        }
        if (!roles.contains(caller.role())) {
            throw new ApiError(403, "forbidden", withArticle(nameOf(caller.role())) + " token may not call this route; "
                    + "it takes " + withArticle(roles.stream()
                            .map(role -> role instanceof Role known ? nameOf(known) : role.toString()).sorted()
                            .collect(java.util.stream.Collectors.joining(" or "))) + " token");
        }
        ctx.attribute(CALLER, caller);
    }

    private static String nameOf(Role role) {
        return role.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** "an app", "an auditor", "a coach": the message is read by people. */
    private static String withArticle(String word) {
        return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
    }
}
