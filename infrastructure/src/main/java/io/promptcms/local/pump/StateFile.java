package io.promptcms.local.pump;

import com.fasterxml.jackson.core.type.TypeReference;
import io.promptcms.local.function.LenientJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/** A pump's position (checkpoints, seen objects) as a small JSON map in the data dir, replaced atomically, so a restart resumes. */
final class StateFile {

    private final Path path;

    StateFile(Path path) {
        this.path = path;
    }

    Map<String, String> read() {
        if (!Files.exists(path)) {
            return new LinkedHashMap<>();
        }
        try {
            return LenientJson.MAPPER.readValue(path.toFile(), new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pump state " + path, e);
        }
    }

    void write(Map<String, String> state) {
        try {
            Files.createDirectories(path.getParent());
            Path temp = path.resolveSibling(path.getFileName() + ".tmp");
            LenientJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), state);
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pump state " + path, e);
        }
    }
}
