package io.promptcms.local.engine;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's patches are written for one moto: another version is refused at once, with the install command. */
class DynamoDbLauncherPinTest {

    @TempDir
    Path work;

    @Test
    void anotherMotoVersionIsRefusedWithTheInstallCommand() throws Exception {
        Path fake = Files.createDirectories(work.resolve("site/moto"));
        Files.writeString(fake.resolve("__init__.py"), "__version__ = '0.0.1'\n");
        Path launcher = DynamoDbEngine.extractLauncher(work.resolve("engine"));
        ProcessBuilder builder = new ProcessBuilder(DynamoDbEngine.python(), launcher.toString(), "--port", "0").redirectErrorStream(true);
        builder.environment().put("PYTHONPATH", work.resolve("site").toString());
        Process process = builder.start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the launcher must not hang");
        String output = new String(process.getInputStream().readAllBytes());
        assertNotEquals(0, process.exitValue());
        assertTrue(output.contains("written for moto 5.2.1, found 0.0.1"), output);
        assertTrue(output.contains("pip install 'moto[server]==5.2.1'"), output);
    }
}
