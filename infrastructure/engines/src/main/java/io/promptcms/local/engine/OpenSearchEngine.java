package io.promptcms.local.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** OpenSearch (plain HTTP, no security plugin) as a single-node child process with a 512 MB heap. */
public final class OpenSearchEngine implements AutoCloseable {

    private final ChildProcess process;
    private final int port;

    private OpenSearchEngine(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static OpenSearchEngine start(OpenSearchLayout layout, int httpPort, int transportPort, Path log) {
        Path home = layout.prepareHome();
        String javaHome = System.getProperty("java.home");
        List<String> command = new ArrayList<>();
        if (layout.runAs() != null) {
            command.addAll(List.of("setpriv", "--reuid=" + layout.runAs(), "--regid=" + layout.runAs(), "--init-groups"));
        }
        command.addAll(List.of("env", "OPENSEARCH_JAVA_HOME=" + javaHome, "OPENSEARCH_JAVA_OPTS=-Xms512m -Xmx512m",
                "./bin/opensearch",
                "-Ediscovery.type=single-node",
                "-Ehttp.port=" + httpPort,
                "-Etransport.port=" + transportPort,
                "-Enetwork.host=127.0.0.1",
                "-Epath.data=" + layout.data(),
                "-Epath.logs=" + layout.logs(),
                "-Ecluster.routing.allocation.disk.threshold_enabled=false"));
        return new OpenSearchEngine(ChildProcess.start("OpenSearch", command, home, Map.of(), log), httpPort);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public ChildProcess process() {
        return process;
    }

    public void awaitReady(Duration timeout) {
        Readiness.await("OpenSearch", timeout, process, () -> Readiness.httpGet(url() + "/_cluster/health",
                response -> response.statusCode() == 200 && response.body().matches(".*\"status\"\\s*:\\s*\"(yellow|green)\".*")));
    }

    @Override
    public void close() {
        process.close();
    }
}
