package io.promptcms.testing;

import io.promptcms.local.bootstrap.TableBootstrap;
import io.promptcms.local.template.LocalValues;
import io.promptcms.local.template.Template;
import io.promptcms.local.template.TemplateReader;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every DynamoDB table of template.yaml, created exactly as declared (keys, indexes, streams, TTL) by the local
 * runtime's own {@link TableBootstrap}, under a name prefix so test classes sharing one DynamoDB (moto) keep
 * their rows apart. Tests never declare a table by hand, so they cannot drift from the template.
 */
public record TemplateTables(String prefix) {

    private static final Template TEMPLATE = TemplateReader.read(templateFile());

    public static TemplateTables create(DynamoDbClient dynamo, String prefix) {
        var bootstrap = new TableBootstrap(TEMPLATE, new LocalValues(TEMPLATE, "http://127.0.0.1:9"));
        TEMPLATE.idsOfType(Template.TABLE).forEach(id -> bootstrap.createAs(dynamo, id, prefix + id));
        return new TemplateTables(prefix);
    }

    public String name(String logicalId) {
        return prefix + logicalId;
    }

    public String prompts() {
        return name("PromptsTable");
    }

    public String versions() {
        return name("PromptVersionsTable");
    }

    public String collections() {
        return name("CollectionsTable");
    }

    public String apiKeys() {
        return name("ApiKeysTable");
    }

    public String idempotency() {
        return name("IdempotencyTable");
    }

    /** template.yaml of the repository: tests run in a module directory, so look upwards. */
    public static Path templateFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml"))) {
                return dir.resolve("template.yaml");
            }
        }
        throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
    }
}
