package io.promptcms.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real single-node OpenSearch for tests, started once per test JVM from the integ-test zip in the local Maven
 * repository and stopped (with its whole process tree) when the JVM exits. OpenSearch refuses to run as root:
 * as root it runs as the unprivileged user {@code promptcms} through {@code setpriv}. It uses the JDK of the test
 * JVM (OpenSearch needs 21+), random ports, and fresh data and log directories per run (deleted at exit).
 */
public final class OpenSearchProcess {

    private static final String VERSION = System.getProperty("opensearch.version", "3.6.0");
    private static final String RUN_AS = "promptcms";
    private static final Duration STARTUP = Duration.ofSeconds(120);

    private static OpenSearchProcess shared;

    private final Process process;
    private final Path runDir;
    private final int httpPort;

    private OpenSearchProcess(Process process, Path runDir, int httpPort) {
        this.process = process;
        this.runDir = runDir;
        this.httpPort = httpPort;
    }

    /** The one node of this test JVM, started on first use. */
    public static synchronized OpenSearchProcess shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "opensearch-stop"));
        }
        return shared;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + httpPort;
    }

    private static OpenSearchProcess start() {
        try {
            boolean root = "0".equals(run(List.of("id", "-u")).strip());
            Path base = baseDir();
            Path home = unpack(base);
            Path runDir = Files.createDirectories(base.resolve("run-" + ProcessHandle.current().pid()));
            Files.createDirectories(runDir.resolve("data"));
            Files.createDirectories(runDir.resolve("logs"));
            if (root) {
                ensureUser();
                run(List.of("chown", "-R", RUN_AS + ":" + RUN_AS, home.toString(), runDir.toString()));
            }
            int httpPort = freePort();
            int transportPort = freePort();
            List<String> command = new ArrayList<>();
            if (root) {
                command.addAll(List.of("setpriv", "--reuid=" + RUN_AS, "--regid=" + RUN_AS, "--init-groups"));
            }
            command.addAll(List.of("env",
                    "OPENSEARCH_JAVA_HOME=" + System.getProperty("java.home"),
                    "OPENSEARCH_JAVA_OPTS=-Xms512m -Xmx512m",
                    "./bin/opensearch",
                    "-Ediscovery.type=single-node",
                    "-Ehttp.port=" + httpPort,
                    "-Etransport.port=" + transportPort,
                    "-Enetwork.host=127.0.0.1",
                    "-Epath.data=" + runDir.resolve("data"),
                    "-Epath.logs=" + runDir.resolve("logs"),
                    // a nearly full disk on a dev machine must not turn the test index read-only
                    "-Ecluster.routing.allocation.disk.threshold_enabled=false"));
            Process process = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(runDir.resolve("console.log").toFile())
                    .start();
            var node = new OpenSearchProcess(process, runDir, httpPort);
            node.awaitYellow();
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitYellow() throws IOException {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        var health = HttpRequest.newBuilder(URI.create(endpoint() + "/_cluster/health?wait_for_status=yellow&timeout=2s"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("OpenSearch exited with " + process.exitValue() + "; see " + runDir.resolve("console.log"));
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                sleep(Duration.ofMillis(500));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        stop();
        throw new IllegalStateException("OpenSearch not healthy after " + STARTUP + "; see " + runDir.resolve("console.log"));
    }

    private void stop() {
        // setpriv → env → the opensearch script → java: stop the whole tree, the node last
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteRecursively(runDir);
    }

    /** The unzipped distribution, reused across runs; the zip is the one Maven fetched into the local repository. */
    private static Path unpack(Path base) throws IOException {
        Path home = base.resolve("opensearch-" + VERSION);
        if (Files.isExecutable(home.resolve("bin/opensearch"))) {
            return home;
        }
        Path repository = Path.of(System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"));
        Path zip = repository.resolve("org/opensearch/distribution/integ-test-zip/opensearch/" + VERSION + "/opensearch-" + VERSION + ".zip");
        if (!Files.exists(zip)) {
            throw new IllegalStateException(zip + " is missing; fetch it with: mvn dependency:get "
                    + "-Dartifact=org.opensearch.distribution.integ-test-zip:opensearch:" + VERSION + ":zip");
        }
        // the unzip tool keeps the executable bits that java.util.zip would drop
        run(List.of("unzip", "-q", "-o", zip.toString(), "-d", base.toString()));
        return home;
    }

    /** target/ of the module when the unprivileged user can reach it, else a directory under /tmp. */
    private static Path baseDir() throws IOException {
        Path target = Path.of("target").toAbsolutePath();
        Path base = traversableByOthers(target) ? target.resolve("opensearch") : Path.of("/tmp/promptcms-opensearch");
        return Files.createDirectories(base);
    }

    private static boolean traversableByOthers(Path dir) throws IOException {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
        }
        return true;
    }

    private static void ensureUser() throws IOException {
        var probe = new ProcessBuilder("id", "-u", RUN_AS).redirectErrorStream(true).start();
        if (waitFor(probe) != 0) {
            // exit code 9: created meanwhile by a parallel test JVM
            var add = new ProcessBuilder("useradd", "-M", "-r", "-s", "/usr/sbin/nologin", RUN_AS).redirectErrorStream(true).start();
            int code = waitFor(add);
            if (code != 0 && code != 9) {
                throw new IllegalStateException("useradd " + RUN_AS + " failed with " + code);
            }
        }
    }

    private static String run(List<String> command) throws IOException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (waitFor(process) != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    private static int waitFor(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // leftover test data in target/ is harmless
        }
    }
}
