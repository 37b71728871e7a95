package io.promptcms.local.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An engine running as a child process, its output appended to a log file (never the console).
 * <p>
 * Orphan guard: on Linux the child starts in its own session ({@code setsid}) together with a tiny shell watchdog
 * that polls this JVM's pid every second; when the JVM is gone — even after {@code kill -9} — it sends TERM, then
 * KILL, to the child's whole process group. Without {@code setsid} (e.g. macOS) only the shutdown hook cleans up.
 */
public final class ChildProcess implements AutoCloseable {

    /** Runs as {@code sh -c WATCHDOG promptcms-watchdog <jvm pid> <command…>}; {@code $$} is the engine after the exec. */
    private static final String WATCHDOG = "jvm=$1; shift; "
            + "( trap '' TERM; while kill -0 \"$jvm\" 2>/dev/null && kill -0 $$ 2>/dev/null; do sleep 1; done; "
            + "kill -0 \"$jvm\" 2>/dev/null && exit 0; kill -TERM 0; sleep 10; kill -KILL 0 ) & "
            + "exec \"$@\"";
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final String name;
    private final Process process;
    private final Path log;
    private final long logStart;

    private ChildProcess(String name, Process process, Path log, long logStart) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.logStart = logStart;
    }

    public static ChildProcess start(String name, List<String> command, Path workingDir, Map<String, String> environment, Path log) {
        List<String> full = new ArrayList<>();
        if (Files.isExecutable(SETSID) && Files.isExecutable(Path.of("/bin/sh"))) {
            full.addAll(List.of(SETSID.toString(), "/bin/sh", "-c", WATCHDOG, "promptcms-watchdog", String.valueOf(ProcessHandle.current().pid())));
        }
        full.addAll(command);
        try {
            Files.createDirectories(log.getParent());
            long logStart = Files.exists(log) ? Files.size(log) : 0;
            ProcessBuilder builder = new ProcessBuilder(full).directory(workingDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(environment);
            return new ChildProcess(name, builder.start(), log, logStart);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public boolean alive() {
        return process.isAlive();
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public Path log() {
        return log;
    }

    /** Whether this run of the process (not an earlier one appending to the same log) has written {@code text}. */
    public boolean logContains(String text) {
        try (var channel = Files.newByteChannel(log)) {
            channel.position(logStart);
            return new String(java.nio.channels.Channels.newInputStream(channel).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /** The last lines of the log, to explain a failed start. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** TERM to the process and every descendant, KILL to whatever is still alive after {@code grace}. */
    public void stop(Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        process.toHandle().descendants().forEach(tree::add);
        tree.forEach(ProcessHandle::destroy);
        CompletableFuture<?>[] exits = tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception timeoutOrInterrupt) {
            tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            CompletableFuture.allOf(exits).orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }
}
