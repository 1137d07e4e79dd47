package org.rekindle.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rekindle.api.access.Pseudonym;
import org.rekindle.api.access.Role;

/** Builds the OpenAPI 3.1 document from the route table. */
final class OpenApi {

    private static final Pattern PATH_PARAM = Pattern.compile("\\{(\\w+)}");

    private OpenApi() {
    }

    static Map<String, Object> of(List<RouteSpec> routes, boolean open) {
        Map<String, Object> paths = new LinkedHashMap<>();
        for (RouteSpec route : routes) {
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
            Map<String, Object> responses = new LinkedHashMap<>();
            responses.put(Integer.toString(route.successStatus()), Map.of("description", "success"));
            responses.put("4XX", Map.of("description", "error: {code, message, errors:[{field, problem}]}",
                    "content", Map.of("application/json", Map.of("schema", Map.of("$ref",
                            "#/components/schemas/Error")))));
            operation.put("responses", responses);
            item.put(route.method().name().toLowerCase(Locale.ROOT), operation);
        }
        Map<String, Object> error = Map.of("type", "object", "required", List.of("code", "message", "errors"),
                "properties", Map.of(
                        "code", Map.of("type", "string"),
                        "message", Map.of("type", "string"),
                        "errors", Map.of("type", "array", "items", Map.of("type", "object", "properties",
                                Map.of("field", Map.of("type", "string"), "problem", Map.of("type", "string"))))));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", "Rekindle", "version", "0.1.0",
                "description", "Rules-driven coaching for couples who feel emotionally disconnected."));
        doc.put("paths", paths);
        doc.put("components", Map.of("schemas", Map.of("Error", error),
                "securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer"))));
        return doc;
    }
}
