package com.ccs.workflows.integration;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * template.yaml as plain maps. CloudFormation short-form tags ({@code !Ref X}, {@code !Sub "..."},
 * {@code !GetAtt A.B}) become their long form ({@code {"Ref": "X"}}, {@code {"Fn::Sub": ...}}), as CloudFormation
 * itself reads them.
 */
public record SamTemplate(Map<String, Object> root) {

    public static SamTemplate load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            Map<String, Object> root = new Yaml(new CfnConstructor()).load(reader);
            return new SamTemplate(root);
        }
    }

    @SuppressWarnings("unchecked")
    public Map<String, Map<String, Object>> resources() {
        return (Map<String, Map<String, Object>>) root.get("Resources");
    }

    public Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        resources().forEach((id, resource) -> {
            if (type.equals(resource.get("Type"))) {
                found.put(id, resource);
            }
        });
        return found;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
    }

    private static final class CfnConstructor extends SafeConstructor {
        CfnConstructor() {
            super(new LoaderOptions());
            this.yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String tag = node.getTag().getValue().substring(1);
                    String name = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
                    Object value = switch (node) {
                        case ScalarNode scalar
                        when tag.equals("GetAtt") ->
                            java.util.List.of(scalar.getValue().split("\\.", 2));
                        case ScalarNode scalar -> scalar.getValue();
                        case SequenceNode sequence -> constructSequence(sequence);
                        case MappingNode mapping -> constructMapping(mapping);
                        default -> throw new IllegalStateException("unexpected node " + node);
                    };
                    return Map.of(name, value);
                }
            });
        }
    }
}
