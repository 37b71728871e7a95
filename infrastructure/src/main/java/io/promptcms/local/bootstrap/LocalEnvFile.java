package io.promptcms.local.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code .promptcms/local.env}: shell assignments that let scripts (and {@code aws --endpoint-url}) drive the running
 * runtime after {@code source .promptcms/local.env}. Dummy AWS credentials: the local engines accept any.
 */
public final class LocalEnvFile {

    public static final String URL = "PROMPTCMS_URL";
    public static final String API_KEY = "PROMPTCMS_API_KEY";
    public static final String S3_ENDPOINT = "PROMPTCMS_S3_ENDPOINT";
    public static final String BUCKET = "PROMPTCMS_BUCKET";
    /**
     * Also read at start: set in the runtime's own environment, it names a DynamoDB-compatible endpoint (another
     * emulator, or AWS itself) to use instead of starting the local engine.
     */
    public static final String DYNAMODB_ENDPOINT = "PROMPTCMS_DYNAMODB_ENDPOINT";
    public static final String OPENSEARCH_URL = "PROMPTCMS_OPENSEARCH_URL";
    /** Where the runtime keeps its data (failed events under {@code failed/}), for {@code promptcms replay-failed}. */
    public static final String DATA_DIR = "PROMPTCMS_DATA_DIR";

    private LocalEnvFile() {
    }

    public static Path path(Path projectDir) {
        return projectDir.resolve(".promptcms/local.env");
    }

    public static void write(Path file, Map<String, String> values) {
        StringBuilder text = new StringBuilder("# Written by the PromptCMS local runtime; source it to reach the running runtime.\n");
        values.forEach((name, value) -> text.append("export ").append(name).append("='").append(value.replace("'", "'\\''")).append("'\n"));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Reads the assignments back (for commands that talk to a running runtime). */
    public static Map<String, String> read(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String assignment = line.startsWith("export ") ? line.substring(7) : line;
                int eq = assignment.indexOf('=');
                if (line.startsWith("#") || eq < 0) {
                    continue;
                }
                String value = assignment.substring(eq + 1);
                if (value.startsWith("'") && value.endsWith("'")) {
                    value = value.substring(1, value.length() - 1).replace("'\\''", "'");
                }
                values.put(assignment.substring(0, eq), value);
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (is the runtime running? start it with infrastructure/bin/promptcms start)", e);
        }
    }
}
