package io.promptcms.local.engine;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the engines' files are: the project checkout, and the artifacts this module's build copies from Maven Central. */
public final class EngineFiles {

    private EngineFiles() {
    }

    /** The checkout: {@code -Dpromptcms.project}, else the nearest folder above the working directory with a template.yaml. */
    public static Path projectDir() {
        String configured = System.getProperty("promptcms.project");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("infrastructure/engines"))) {
                return dir;
            }
        }
        throw new IllegalStateException("not inside a PromptCMS checkout (no template.yaml above " + Path.of("").toAbsolutePath() + ")");
    }

    public static Path openSearchZip(Path projectDir) {
        return artifact(projectDir, "opensearch.zip");
    }

    public static Path s3MockJar(Path projectDir) {
        return artifact(projectDir, "s3mock.jar");
    }

    private static Path artifact(Path projectDir, String name) {
        Path path = projectDir.resolve("infrastructure/engines/target/engines").resolve(name);
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " is missing: the engines module's build fetches it (mvn -B -pl infrastructure/engines package)");
        }
        return path;
    }
}
