package io.promptcms.local.testing;

import io.promptcms.local.LocalRuntime;
import io.promptcms.local.Options;
import io.promptcms.local.RunningRuntime;

/**
 * The local runtime every integration test of a test JVM shares: the real template.yaml, all engines, free ports,
 * a fresh temporary data dir. Started on first use, stopped (engines included) when the JVM exits.
 * <pre>
 *   RunningRuntime runtime = SharedRuntime.get();
 *   http.send(GET(runtime.baseUrl() + "/prompts").header("Authorization", "Bearer " + runtime.apiKey()) …);
 *   runtime.awaitIdle(Duration.ofSeconds(10)); // stream records indexed, S3 drops imported
 * </pre>
 */
public final class SharedRuntime {

    private SharedRuntime() {
    }

    public static RunningRuntime get() {
        return Holder.RUNTIME;
    }

    private static final class Holder {
        static final RunningRuntime RUNTIME = start();

        private static RunningRuntime start() {
            RunningRuntime runtime = LocalRuntime.start(Options.forTests(ProjectDir.find()));
            Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "shared-runtime-shutdown"));
            return runtime;
        }
    }
}
