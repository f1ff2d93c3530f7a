package com.ccs.workflows.localrunner.template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A SAM template as written: parameters, conditions, globals and resources, intrinsic functions unresolved (in
 * their long form). {@link TemplateResolver} evaluates it for one local deployment.
 */
public record SamTemplate(
        Path file,
        Map<String, Map<String, Object>> parameters,
        Map<String, Object> conditions,
        Map<String, Object> functionGlobals,
        Map<String, Resource> resources) {

    /** One resource: its logical id, type, optional Condition and (unresolved) Properties. */
    public record Resource(String logicalId, String type, String condition, Map<String, Object> properties) {}

    public static SamTemplate load(Path file) throws IOException {
        return parse(file, Files.readString(file));
    }

    public static SamTemplate parse(Path file, String yaml) {
        Map<String, Object> root = CfnYaml.load(yaml);
        Map<String, Map<String, Object>> parameters = new LinkedHashMap<>();
        map(root.get("Parameters")).forEach((name, definition) -> parameters.put(name, map(definition)));
        Map<String, Object> globals = map(map(root.get("Globals")).get("Function"));
        Map<String, Resource> resources = new LinkedHashMap<>();
        map(root.get("Resources")).forEach((id, body) -> {
            Map<String, Object> resource = map(body);
            Object type = resource.get("Type");
            if (type == null) {
                throw new IllegalArgumentException("Resource " + id + " has no Type");
            }
            Object condition = resource.get("Condition");
            resources.put(
                    id,
                    new Resource(
                            id,
                            type.toString(),
                            condition == null ? null : condition.toString(),
                            map(resource.get("Properties"))));
        });
        return new SamTemplate(file, parameters, map(root.get("Conditions")), globals, resources);
    }

    /** The directory the template's relative paths (CodeUri, DefinitionUri) start from. */
    public Path baseDir() {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }

    public Resource resource(String logicalId) {
        Resource resource = resources.get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException("template.yaml has no resource " + logicalId);
        }
        return resource;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        if (value == null) {
            return new LinkedHashMap<>();
        }
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException("expected a mapping, got " + value);
    }
}
