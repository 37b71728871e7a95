package io.promptcms.api.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
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
 * The repository's template.yaml as plain maps and lists. CloudFormation's short-form intrinsics become their
 * long form ({@code !Ref Api} → {@code {Ref: Api}}, {@code !GetAtt T.Arn} → {@code {Fn::GetAtt: T.Arn}}), so
 * a test reads the template without a CloudFormation library.
 */
public final class TemplateYaml {

    private TemplateYaml() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> load() {
        try (Reader reader = Files.newBufferedReader(path())) {
            return (Map<String, Object>) new Yaml(new CloudFormationConstructor()).load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** template.yaml of the repository: tests run in a module directory, so look upwards. */
    public static Path path() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path template = dir.resolve("template.yaml");
            if (Files.isRegularFile(template)) {
                return template;
            }
        }
        throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
    }

    /** Safe YAML plus any unknown tag read as a CloudFormation intrinsic function. */
    private static final class CloudFormationConstructor extends SafeConstructor {

        CloudFormationConstructor() {
            super(new LoaderOptions());
            yamlConstructors.put(null, new IntrinsicConstruct());
        }

        private final class IntrinsicConstruct extends AbstractConstruct {

            @Override
            public Object construct(Node node) {
                String tag = node.getTag().getValue();
                String name = tag.startsWith("!") ? tag.substring(1) : tag;
                Object value = switch (node) {
                    case ScalarNode scalar -> constructScalar(scalar);
                    case SequenceNode sequence -> constructSequence(sequence);
                    case MappingNode mapping -> new LinkedHashMap<>(constructMapping(mapping));
                    default -> throw new IllegalArgumentException("unexpected YAML node " + node);
                };
                return Map.of(name.equals("Ref") ? "Ref" : "Fn::" + name, value);
            }
        }
    }
}
