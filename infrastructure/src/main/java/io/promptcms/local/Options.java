package io.promptcms.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How to start the runtime.
 *
 * @param port          the gateway's port; 0 picks a free one
 * @param fresh         delete the data dir (tables, objects, index, pump positions, first key) before starting
 * @param ephemeral     in-memory DynamoDB and the data dir deleted on close (tests)
 * @param openSearch    start OpenSearch (tests of the gateway and pumps alone do without it)
 * @param writeEnvFile  write {@code .promptcms/local.env} for scripts (the developer's runtime, not tests)
 */
public record Options(Path projectDir, Path template, Path dataDir, int port, boolean fresh, boolean ephemeral, boolean openSearch,
                      boolean writeEnvFile) {

    public static final int DEFAULT_PORT = 3000;

    /** The developer's runtime: port 3000, data in {@code .promptcms/data}, kept across restarts. */
    public static Options defaults(Path projectDir) {
        Path root = projectDir.toAbsolutePath().normalize();
        return new Options(root, root.resolve("template.yaml"), root.resolve(".promptcms/data"), DEFAULT_PORT, false, false, true, true);
    }

    /** A throwaway runtime for tests: free ports, a fresh temporary data dir deleted on close, no env file. */
    public static Options forTests(Path projectDir) {
        try {
            return defaults(projectDir).withDataDir(Files.createTempDirectory("promptcms-test-")).withPort(0)
                    .withFresh(true).withEphemeral(true).withEnvFile(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Options withPort(int value) {
        return new Options(projectDir, template, dataDir, value, fresh, ephemeral, openSearch, writeEnvFile);
    }

    public Options withDataDir(Path value) {
        return new Options(projectDir, template, value.toAbsolutePath().normalize(), port, fresh, ephemeral, openSearch, writeEnvFile);
    }

    public Options withTemplate(Path value) {
        return new Options(projectDir, value, dataDir, port, fresh, ephemeral, openSearch, writeEnvFile);
    }

    public Options withFresh(boolean value) {
        return new Options(projectDir, template, dataDir, port, value, ephemeral, openSearch, writeEnvFile);
    }

    public Options withEphemeral(boolean value) {
        return new Options(projectDir, template, dataDir, port, fresh, value, openSearch, writeEnvFile);
    }

    public Options withOpenSearch(boolean value) {
        return new Options(projectDir, template, dataDir, port, fresh, ephemeral, value, writeEnvFile);
    }

    public Options withEnvFile(boolean value) {
        return new Options(projectDir, template, dataDir, port, fresh, ephemeral, openSearch, value);
    }
}
