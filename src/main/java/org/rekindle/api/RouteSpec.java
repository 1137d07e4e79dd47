package org.rekindle.api;

import java.util.List;
import java.util.Set;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

import org.rekindle.api.access.Role;

/**
 * One route: method, path, who may call it, what it does. The server registers exactly these, and
 * {@code /openapi.json} is generated from the same list, so the two cannot drift apart.
 */
record RouteSpec(HandlerType method, String path, Set<Role> roles, String summary, int successStatus,
        List<Query> query, Handler handler) {

    /** An optional query parameter that takes one of {@code values}; the first is the default. */
    record Query(String name, List<String> values, String description) {
    }
}
