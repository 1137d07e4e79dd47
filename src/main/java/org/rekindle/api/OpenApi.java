package org.rekindle.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.rekindle.api.access.Pseudonym;
import org.rekindle.api.access.Role;

/**
 * Builds the OpenAPI 3.1 document from the route table, with the bodies of {@code wire-types.yaml} beside
 * this class: every request and response body is one of its schemas, so a client can be generated from it.
 */
final class OpenApi {

    private static final Pattern PATH_PARAM = Pattern.compile("\\{(\\w+)}");
    /** The wire types and which route takes and gives which; see the file's header. */
    static final String WIRE_TYPES = "wire-types.yaml";
    private static final String SCHEMAS = "#/components/schemas/";

    private OpenApi() {
    }

    /** What {@code wire-types.yaml} holds: the bodies of each route, and the schemas they name. */
    record WireTypes(Map<String, Operation> operations, Map<String, Object> schemas) {

        /**
         * One route's bodies: the request's and, per status, the response's, each a schema name (JSON) or a
         * map of media type to schema name.
         */
        record Operation(Object request, Map<String, Object> responses) {
        }

        static WireTypes read() {
            try (InputStream in = OpenApi.class.getResourceAsStream(WIRE_TYPES)) {
                if (in == null) {
                    throw new IllegalStateException(WIRE_TYPES + " is missing beside " + OpenApi.class.getName());
                }
                return new ObjectMapper(new YAMLFactory()).readValue(in, WireTypes.class);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + WIRE_TYPES + ": " + e.getMessage(), e);
            }
        }
    }

    static Map<String, Object> of(List<RouteSpec> routes, boolean open) {
        return of(routes, open, WireTypes.read());
    }

    /**
     * @throws IllegalStateException when a route has no entry in the wire types, an entry names no route,
     *                               or a body names a schema the wire types do not define
     */
    static Map<String, Object> of(List<RouteSpec> routes, boolean open, WireTypes wire) {
        Map<String, Object> paths = new LinkedHashMap<>();
        Set<String> described = new TreeSet<>(wire.operations().keySet());
        for (RouteSpec route : routes) {
            String name = route.method().name() + " " + route.path();
            WireTypes.Operation bodies = wire.operations().get(name);
            if (bodies == null) {
                throw new IllegalStateException("route " + name + " has no entry under 'operations' in " + WIRE_TYPES
                        + ": give it its request and response bodies there");
            }
            described.remove(name);
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(route.path(),
                    p -> new LinkedHashMap<String, Object>());
            Map<String, Object> operation = new LinkedHashMap<>();
            operation.put("summary", route.summary());
            operation.put("x-roles", route.roles().stream().map(Enum::name).sorted().toList());
            Matcher params = PATH_PARAM.matcher(route.path());
            List<Map<String, Object>> parameters = new ArrayList<>();
            while (params.find()) {
                // Every path parameter is an id or a pseudonym: one syntax, checked before use.
                parameters.add(Map.of("name", params.group(1), "in", "path", "required", true,
                        "description", Pseudonym.DESCRIPTION, "schema", Map.of("type", "string",
                                "pattern", Pseudonym.PATTERN, "maxLength", Pseudonym.MAX_LENGTH)));
            }
            for (RouteSpec.Query query : route.query()) {
                parameters.add(Map.of("name", query.name(), "in", "query", "required", false,
                        "description", query.description(), "schema", Map.of("type", "string",
                                "enum", query.values(), "default", query.values().get(0))));
            }
            if (!parameters.isEmpty()) {
                operation.put("parameters", parameters);
            }
            if (!route.roles().contains(Role.ANYONE) && !open) {
                operation.put("security", List.of(Map.of("bearer", List.of())));
            }
            if (bodies.request() != null) {
                operation.put("requestBody", Map.of("content", content(bodies.request(), name, wire)));
            }
            if (!bodies.responses().containsKey(Integer.toString(route.successStatus()))) {
                throw new IllegalStateException("route " + name + " answers " + route.successStatus() + " but "
                        + WIRE_TYPES + " gives it no body for that status");
            }
            Map<String, Object> responses = new LinkedHashMap<>();
            bodies.responses().forEach((status, body) -> responses.put(status, response(status, body, name, wire)));
            Map<String, Object> error = Map.of("description", "error: {code, message, errors:[{field, problem}]}",
                    "content", Map.of("application/json", Map.of("schema", Map.of("$ref", SCHEMAS + "Error"))));
            responses.put("4XX", error);
            responses.put("5XX", error);
            operation.put("responses", responses);
            item.put(route.method().name().toLowerCase(Locale.ROOT), operation);
        }
        if (!described.isEmpty()) {
            throw new IllegalStateException(WIRE_TYPES + " describes " + described + ", which no route is: remove "
                    + "the entry or correct its method and path");
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", "Rekindle", "version", "0.1.0",
                "description", "Rules-driven coaching for couples who feel emotionally disconnected."));
        doc.put("paths", paths);
        doc.put("components", Map.of("schemas", wire.schemas(),
                "securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer"))));
        return doc;
    }

    /** One response: {@code null} for no body, else its {@link #content}. */
    private static Map<String, Object> response(String status, Object body, String operation, WireTypes wire) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("description", status.startsWith("2") ? "success" : "status " + status);
        if (body != null) {
            response.put("content", content(body, operation + " " + status, wire));
        }
        return response;
    }

    /**
     * A body's media types: a schema name is JSON; a map gives a schema name per media type. A line-delimited
     * body ({@code application/x-ndjson}) is text whose lines each are the named schema, given as
     * {@code x-itemSchema} (the {@code itemSchema} of OpenAPI 3.2).
     */
    private static Map<String, Object> content(Object body, String operation, WireTypes wire) {
        Map<String, Object> content = new LinkedHashMap<>();
        if (body instanceof String schema) {
            content.put("application/json", Map.of("schema", ref(schema, operation, wire)));
        } else if (body instanceof Map<?, ?> byType) {
            byType.forEach((type, schema) -> content.put(type.toString(), type.toString().endsWith("ndjson")
                    ? Map.of("schema", Map.of("type", "string", "description", "one " + schema + " a line"),
                            "x-itemSchema", ref(schema.toString(), operation, wire))
                    : Map.of("schema", ref(schema.toString(), operation, wire))));
        } else {
            throw new IllegalStateException(WIRE_TYPES + ": " + operation + " must name a schema or map media types "
                    + "to schemas, not " + body);
        }
        return content;
    }

    private static Map<String, Object> ref(String schema, String operation, WireTypes wire) {
        if (!wire.schemas().containsKey(schema)) {
            throw new IllegalStateException(WIRE_TYPES + ": " + operation + " names schema " + schema
                    + ", which is not under 'schemas'");
        }
        return Map.of("$ref", SCHEMAS + schema);
    }
}
