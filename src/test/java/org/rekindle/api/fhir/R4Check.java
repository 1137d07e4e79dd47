package org.rekindle.api.fhir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.StrictErrorHandler;

import org.hl7.fhir.r4.fhirpath.ExpressionNode;
import org.hl7.fhir.r4.fhirpath.FHIRPathEngine;
import org.hl7.fhir.r4.hapi.ctx.HapiWorkerContext;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * Checks a resource against the FHIR R4 structure definitions shipped in HAPI FHIR's
 * {@code hapi-fhir-validation-resources-r4}: HAPI's strict R4 parser (every element known, of its datatype,
 * every code of a required binding known), then every element's cardinality and every invariant of its
 * definition ({@code que-1} ... {@code que-13}, {@code ele-1}, {@code ext-1}, {@code dom-*}) evaluated with
 * the R4 FHIRPath engine, every extension against its definition (known URL, allowed context, allowed value
 * type), and every code of a code system the definitions ship (such as the item-control codes).
 *
 * <p>Why not HAPI's {@code FhirInstanceValidator}: its module ({@code hapi-fhir-validation}) is not served by
 * the package registry this project builds from; this check applies the same definitions. Codes of a code
 * system the definitions do not ship (Rekindle's own) cannot be checked offline and are warnings, as the
 * instance validator makes them. Building it loads every R4 definition: build one per test class.
 */
final class R4Check {

    /** One finding: {@code error} or {@code warning}, where (a FHIRPath-like location), and what. */
    record Issue(String severity, String location, String message) {
        @Override
        public String toString() {
            return severity + " " + location + ": " + message;
        }
    }

    private static final String CORE = "http://hl7.org/fhir/StructureDefinition/";

    private final FhirContext context = FhirContext.forR4();
    private final DefaultProfileValidationSupport definitions = new DefaultProfileValidationSupport(context);
    private final FHIRPathEngine fhirPath = new FHIRPathEngine(new HapiWorkerContext(context, definitions));
    private final Map<String, Map<String, ElementDefinition>> elements = new HashMap<>();
    private final Map<String, ExpressionNode> parsed = new HashMap<>();

    /** Every issue of a resource written as FHIR JSON. */
    List<Issue> check(String json) {
        List<Issue> issues = new ArrayList<>();
        Resource resource;
        try {
            resource = (Resource) context.newJsonParser().setParserErrorHandler(new StrictErrorHandler())
                    .parseResource(json);
        } catch (DataFormatException e) {
            issues.add(new Issue("error", "(parse)", e.getMessage()));
            return issues;
        }
        walk(resource, resource, resource.fhirType(), resource.fhirType(), issues);
        return issues;
    }

    /**
     * The invariant's expression, with the R4 errata the HL7 validator corrects the same way: {@code que-7} was
     * published as {@code answer is Boolean} (the FHIRPath system type, which an R4 {@code boolean} element
     * is not) where {@code answer is boolean} is meant.
     */
    private static String expression(ElementDefinition.ElementDefinitionConstraintComponent invariant) {
        String expression = invariant.getExpression();
        if (invariant.getKey().equals("que-7")) {
            return expression.replace("answer is Boolean", "answer is boolean");
        }
        return expression;
    }

    /** Only the errors. */
    static List<Issue> errors(List<Issue> issues) {
        return issues.stream().filter(i -> i.severity().equals("error")).toList();
    }

    /** The distinct warning messages, for an explicit list of what is accepted. */
    static String warnings(List<Issue> issues) {
        return issues.stream().filter(i -> i.severity().equals("warning")).map(Issue::message).distinct()
                .collect(Collectors.joining("\n"));
    }

    private void walk(Resource root, Base node, String path, String location, List<Issue> issues) {
        ElementDefinition definition = element(path);
        if (definition != null) {
            for (ElementDefinition.ElementDefinitionConstraintComponent invariant : definition.getConstraint()) {
                if (!invariant.hasExpression()) {
                    continue;
                }
                String severity = invariant.getSeverity() == ElementDefinition.ConstraintSeverity.ERROR
                        ? "error" : "warning";
                try {
                    ExpressionNode expression = parsed.computeIfAbsent(invariant.getKey() + " "
                            + invariant.getExpression(), k -> fhirPath.parse(expression(invariant)));
                    if (!fhirPath.evaluateToBoolean(root, root, node, expression)) {
                        issues.add(new Issue(severity, location, invariant.getKey() + ": " + invariant.getHuman()));
                    }
                } catch (RuntimeException e) {
                    issues.add(new Issue("error", location, invariant.getKey() + " could not be evaluated: "
                            + e.getMessage()));
                }
            }
        }
        if (node instanceof Coding coding) {
            code(coding, location, issues);
        }
        for (Property property : node.children()) {
            List<Base> values = property.getValues();
            ElementDefinition child = element(path + "." + property.getName());
            if (child != null) {
                if (values.size() < child.getMin()) {
                    issues.add(new Issue("error", location + "." + property.getName(), "minimum cardinality "
                            + child.getMin() + " not met (" + values.size() + ")"));
                }
                if (!child.getMax().equals("*") && values.size() > Integer.parseInt(child.getMax())) {
                    issues.add(new Issue("error", location + "." + property.getName(), "maximum cardinality "
                            + child.getMax() + " exceeded (" + values.size() + ")"));
                }
            }
            for (int i = 0; i < values.size(); i++) {
                Base value = values.get(i);
                if (value.isEmpty()) {
                    continue; // a placeholder of HAPI's model (an unset id), not an element of the resource
                }
                String childPath;
                if (child != null && child.hasContentReference()) {
                    childPath = child.getContentReference().substring(1);
                } else if (value.fhirType().contains(".")) {
                    childPath = path + "." + property.getName(); // a backbone element: defined in place
                } else {
                    childPath = value.fhirType(); // a datatype: defined by its own structure definition
                }
                String at = location + "." + property.getName().replace("[x]", "") + (values.size() > 1 || property
                        .isList() ? "[" + i + "]" : "");
                if (value instanceof Extension extension) {
                    extension(extension, path, at, issues); // where it sits: the element that holds it
                }
                walk(root, value, childPath, at, issues);
            }
        }
    }

    private void extension(Extension extension, String holder, String location, List<Issue> issues) {
        StructureDefinition definition = (StructureDefinition) definitions.fetchStructureDefinition(extension.getUrl());
        if (definition == null) {
            issues.add(new Issue("error", location, "unknown extension " + extension.getUrl()));
            return;
        }
        boolean placed = definition.getContext().stream().anyMatch(c -> holder.equals(c.getExpression())
                || (c.getExpression() != null && c.getExpression().equals("Element")));
        if (!placed) {
            issues.add(new Issue("error", location, extension.getUrl() + " is not allowed on " + holder + " (contexts: "
                    + definition.getContext().stream().map(c -> c.getExpression()).toList() + ")"));
        }
        ElementDefinition value = definition.getSnapshot().getElement().stream()
                .filter(e -> e.getPath().equals("Extension.value[x]")).findFirst().orElse(null);
        if (value != null && extension.hasValue()) {
            String type = extension.getValue().fhirType();
            if (value.getType().stream().noneMatch(t -> t.getCode().equals(type))) {
                issues.add(new Issue("error", location, extension.getUrl() + " takes " + value.getType().stream()
                        .map(ElementDefinition.TypeRefComponent::getCode).toList() + ", not " + type));
            }
        }
    }

    private void code(Coding coding, String location, List<Issue> issues) {
        if (!coding.hasSystem()) {
            return;
        }
        CodeSystem system = (CodeSystem) definitions.fetchCodeSystem(coding.getSystem());
        if (system == null) {
            issues.add(new Issue("warning", location, "code system " + coding.getSystem()
                    + " is not known offline; its codes cannot be checked"));
            return;
        }
        if (!defines(system.getConcept(), coding.getCode())) {
            issues.add(new Issue("error", location, "code '" + coding.getCode() + "' is not in " + coding.getSystem()));
        }
    }

    private static boolean defines(List<CodeSystem.ConceptDefinitionComponent> concepts, String code) {
        for (CodeSystem.ConceptDefinitionComponent concept : concepts) {
            if (concept.getCode().equals(code) || defines(concept.getConcept(), code)) {
                return true;
            }
        }
        return false;
    }

    /** The element definition at a path ({@code Questionnaire.item.enableWhen}, {@code Coding.system}), or null. */
    private ElementDefinition element(String path) {
        String type = path.contains(".") ? path.substring(0, path.indexOf('.')) : path;
        Map<String, ElementDefinition> byPath = elements.computeIfAbsent(type, t -> {
            Map<String, ElementDefinition> map = new HashMap<>();
            StructureDefinition definition = (StructureDefinition) definitions.fetchStructureDefinition(CORE + t);
            if (definition != null) {
                for (ElementDefinition element : definition.getSnapshot().getElement()) {
                    map.put(element.getPath(), element);
                }
            }
            return map;
        });
        return byPath.get(path);
    }
}
