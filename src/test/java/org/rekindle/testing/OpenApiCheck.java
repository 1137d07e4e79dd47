package org.rekindle.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;

import org.rekindle.json.Json;

/**
 * Holds a response to what {@code /openapi.json} says the route gives for its status and media type, with
 * a JSON Schema 2020-12 validator (OpenAPI 3.1's dialect). A drift is named by the route template, the
 * status, the JSON pointer into the body and the schema keyword that failed, so it can be fixed in
 * {@code wire-types.yaml} (or in the code) at once.
 */
public final class OpenApiCheck {

    /** Where the document is registered, so that its {@code #/components/schemas/...} references resolve. */
    private static final String BASE = "https://rekindle.invalid/openapi.json";

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final List<Template> templates = new ArrayList<>();
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private record Template(String method, String path, Pattern pattern, int literals) {
    }

    private OpenApiCheck(String documentJson) throws JsonProcessingException {
        this.document = Json.MAPPER.readTree(documentJson);
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build();
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config).schemas(Map.of(BASE, documentJson)));
        document.path("paths").properties().forEach(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            String template = path.getKey();
            Pattern pattern = Pattern.compile(template.replaceAll("\\{\\w+}", "[^/]+"));
            templates.add(new Template(method.toUpperCase(Locale.ROOT), template, pattern,
                    template.replaceAll("\\{\\w+}", "").length()));
        }));
        // The most literal template first: /v1/decisions/counts before a /v1/decisions/{id}.
        templates.sort(Comparator.comparingInt(Template::literals).reversed());
    }

    /** A check against this document, as {@code GET /openapi.json} returned it. */
    public static OpenApiCheck of(String documentJson) {
        try {
            return new OpenApiCheck(documentJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the OpenAPI document is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The document checked against. */
    public JsonNode document() {
        return document;
    }

    /** The documented operation a request reaches, as {@code "GET /v1/assessments/{id}"}, or null for none. */
    public String operation(String method, String path) {
        for (Template template : templates) {
            if (template.method().equals(method) && template.pattern().matcher(path).matches()) {
                return template.method() + " " + template.path();
            }
        }
        return null;
    }

    /**
     * What in a response the document does not allow; empty when it conforms, or when the request reached
     * no documented route (an unknown path is the error mapper's 404, checked where it is tested).
     *
     * @param contentType the response's {@code Content-Type}, or null
     */
    public List<String> problems(String method, String path, int status, String contentType, String body) {
        String operation = operation(method, path);
        if (operation == null) {
            return List.of();
        }
        String template = operation.substring(operation.indexOf(' ') + 1);
        String responses = "/paths/" + escape(template) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/";
        String code = Integer.toString(status);
        JsonNode response = document.at(responses + code);
        if (response.isMissingNode()) {
            code = code.charAt(0) + "XX";
            response = document.at(responses + code);
        }
        String at = operation + " " + status;
        if (response.isMissingNode()) {
            return List.of(at + ": no response is documented for this status");
        }
        JsonNode content = response.path("content");
        if (content.isMissingNode()) {
            return body == null || body.isEmpty() ? List.of()
                    : List.of(at + ": the document gives no body, but one came (" + abbreviate(body) + ")");
        }
        String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        JsonNode media = content.path(type);
        if (media.isMissingNode()) {
            List<String> documented = new ArrayList<>();
            content.fieldNames().forEachRemaining(documented::add);
            return List.of(at + ": content type '" + type + "' is not documented; the document gives " + documented);
        }
        String pointer = responses + code + "/content/" + escape(type);
        List<String> problems = new ArrayList<>();
        if (media.has("x-itemSchema")) {
            Schema line = schema(pointer + "/x-itemSchema");
            int number = 0;
            for (String text : body.split("\n")) {
                number++;
                if (!text.isBlank()) {
                    describe(at + " line " + number, line.validate(text, InputFormat.JSON), problems);
                }
            }
            return problems;
        }
        String instance = type.endsWith("json") ? body : quoted(body);
        describe(at, schema(pointer + "/schema").validate(instance, InputFormat.JSON), problems);
        return problems;
    }

    private Schema schema(String pointer) {
        return schemas.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(BASE + "#" + p)));
    }

    private static void describe(String at, List<Error> errors, List<String> into) {
        for (Error error : errors) {
            String where = error.getInstanceLocation().toString();
            into.add(at + ": at '" + (where.isEmpty() ? "/" : where) + "' keyword '" + error.getKeyword() + "' ("
                    + error.getSchemaLocation().toString().replace(BASE, "") + "): " + error.getMessage());
        }
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static String quoted(String text) {
        try {
            return Json.MAPPER.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String body) {
        return body.length() > 80 ? body.substring(0, 80) + "..." : body;
    }
}
