package io.promptcms.local.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Short system commands (useradd, chown, id) whose output only matters when they fail. */
final class Commands {

    private Commands() {
    }

    static void run(List<String> command) {
        if (run(command, false) != 0) {
            throw new IllegalStateException("command failed: " + String.join(" ", command));
        }
    }

    static int run(List<String> command, boolean quiet) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.redirectOutput(quiet ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.INHERIT);
            return builder.start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }
}
