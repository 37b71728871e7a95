package io.promptcms.local.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Adobe S3Mock as a child process (path-style S3 over HTTP), its files under {@code root} and kept on exit. */
public final class S3MockEngine implements AutoCloseable {

    private final ChildProcess process;
    private final int port;

    private S3MockEngine(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static S3MockEngine start(Path jar, int httpPort, int httpsPort, Path root, Path log) {
        List<String> command = List.of(javaExecutable(), "-Xmx256m", "-jar", jar.toString(),
                "--http.port=" + httpPort,
                "--server.port=" + httpsPort,
                // binds the TLS connector to loopback; S3Mock 5.2.0 has no address setting for its plain-HTTP one
                "--server.address=127.0.0.1",
                "--com.adobe.testing.s3mock.store.root=" + root,
                "--com.adobe.testing.s3mock.store.retainFilesOnExit=true",
                "--spring.main.banner-mode=off");
        return new S3MockEngine(ChildProcess.start("S3Mock", command, jar.getParent(), Map.of(), log), httpPort);
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public ChildProcess process() {
        return process;
    }

    public void awaitReady(Duration timeout) {
        Readiness.await("S3Mock", timeout, process, () -> Readiness.httpGet(url() + "/", response -> response.statusCode() == 200));
    }

    @Override
    public void close() {
        process.close();
    }
}
