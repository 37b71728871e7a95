package io.promptcms.local;

import io.promptcms.local.testing.ProjectDir;

/** One runtime on the fixture template (no OpenSearch) for the runtime's own tests, shared by them and stopped at JVM exit. */
public final class FixtureRuntime {

    private FixtureRuntime() {
    }

    public static RunningRuntime get() {
        return Holder.RUNTIME;
    }

    private static final class Holder {
        static final RunningRuntime RUNTIME = start();

        private static RunningRuntime start() {
            var project = ProjectDir.find();
            RunningRuntime runtime = LocalRuntime.start(Options.forTests(project)
                    .withTemplate(project.resolve("infrastructure/src/test/resources/fixture-template.yaml"))
                    .withOpenSearch(false));
            Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "fixture-runtime-shutdown"));
            return runtime;
        }
    }
}
