package io.promptcms.local.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root (the directory holding template.yaml), found upwards from the test's working directory. */
public final class ProjectDir {

    private ProjectDir() {
    }

    public static Path find() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("template.yaml")) && Files.exists(dir.resolve("infrastructure"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
    }
}
