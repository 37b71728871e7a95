package io.promptcms.local.template;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads a SAM/CloudFormation template, keeping the short-form intrinsics ({@code !Ref}, {@code !Sub} …) as {@link Intrinsic}s. */
public final class TemplateReader {

    private static final List<String> SHORT_FORMS = List.of("Ref", "GetAtt", "Sub", "If", "Equals", "Not", "And", "Or",
            "Condition", "Join", "Select", "Split", "FindInMap", "ImportValue", "Base64", "GetAZs", "Cidr", "Length", "ToJsonString");

    private TemplateReader() {
    }

    public static Template read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Template parse(Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(10 * 1024 * 1024);
        Object root = new Yaml(new CloudFormationConstructor(options)).load(reader);
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("a template is a YAML mapping");
        }
        return new Template((Map<String, Object>) map);
    }

    /** SafeConstructor plus one construct per short-form tag; nested tags work because children are constructed normally. */
    private static final class CloudFormationConstructor extends SafeConstructor {

        CloudFormationConstructor(LoaderOptions options) {
            super(options);
            for (String function : SHORT_FORMS) {
                yamlConstructors.put(new Tag("!" + function), new ConstructIntrinsic(function));
            }
        }

        private final class ConstructIntrinsic extends AbstractConstruct {
            private final String function;

            ConstructIntrinsic(String function) {
                this.function = function;
            }

            @Override
            public Object construct(Node node) {
                Object argument = switch (node) {
                    case ScalarNode scalar -> constructScalar(scalar);
                    case SequenceNode sequence -> constructSequence(sequence);
                    case MappingNode mapping -> constructMapping(mapping);
                    default -> throw new IllegalArgumentException("unexpected node for !" + function);
                };
                return new Intrinsic(function, argument);
            }
        }
    }
}
