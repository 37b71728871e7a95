package io.promptcms.local.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Where OpenSearch lives: the distribution unzipped once, its data and logs. OpenSearch refuses to run as root,
 * so as root it runs as the unprivileged user {@value #USER}, and everything it touches sits under
 * {@code /var/tmp/promptcms/<hash of the project dir>/} owned by that user (a root-owned checkout under /root is
 * not traversable by it). Otherwise the home sits next to the zip and the data in the runtime's data dir.
 *
 * @param runAs the user to run as, or null to run as the current user
 */
public record OpenSearchLayout(Path zip, Path homeParent, Path data, Path logs, String runAs) {

    public static final String USER = "promptcms";

    public static OpenSearchLayout of(Path projectDir, Path dataDir) {
        Path zip = EngineFiles.openSearchZip(projectDir);
        if (!isRoot()) {
            return new OpenSearchLayout(zip, zip.getParent(), dataDir.resolve("opensearch/data"), dataDir.resolve("opensearch/logs"), null);
        }
        Path base = Path.of("/var/tmp/promptcms", hash(projectDir));
        Path instance = base.resolve("data-" + hash(dataDir));
        return new OpenSearchLayout(zip, base, instance.resolve("data"), instance.resolve("logs"), USER);
    }

    /** The data and logs of this runtime's OpenSearch (what --fresh deletes); the unzipped home is shared. */
    public List<Path> stateDirs() {
        return List.of(data, logs);
    }

    /** Unzips the distribution unless already done for this zip, makes bin/ executable, and hands everything to {@link #runAs}. */
    public Path prepareHome() {
        try {
            Files.createDirectories(homeParent);
            String top;
            try (ZipFile zipFile = new ZipFile(zip.toFile())) {
                top = zipFile.entries().nextElement().getName().split("/", 2)[0];
                Path home = homeParent.resolve(top);
                Path marker = homeParent.resolve("." + top + ".unzipped");
                String stamp = Files.size(zip) + "/" + Files.getLastModifiedTime(zip).toMillis();
                if (!Files.exists(marker) || !Files.readString(marker).equals(stamp)) {
                    Delete.recursively(home);
                    unzip(zipFile, homeParent);
                    Files.writeString(marker, stamp);
                    if (runAs != null) {
                        chown(homeParent);
                    }
                }
            }
            Files.createDirectories(data);
            Files.createDirectories(logs);
            if (runAs != null) {
                chown(data.getParent());
            }
            return homeParent.resolve(top);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare OpenSearch from " + zip, e);
        }
    }

    private static void unzip(ZipFile zipFile, Path target) throws IOException {
        for (ZipEntry entry : java.util.Collections.list(zipFile.entries())) {
            Path out = target.resolve(entry.getName()).normalize();
            if (!out.startsWith(target)) {
                throw new IOException("zip entry outside the target: " + entry.getName());
            }
            if (entry.isDirectory()) {
                Files.createDirectories(out);
                continue;
            }
            Files.createDirectories(out.getParent());
            try (InputStream in = zipFile.getInputStream(entry)) {
                Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            }
            // java.util.zip drops Unix modes; the launch scripts are what needs the exec bit
            if (out.getParent().getFileName().toString().equals("bin") || out.toString().endsWith(".sh")) {
                out.toFile().setExecutable(true, false);
            }
        }
    }

    private void chown(Path path) {
        ensureUser();
        Commands.run(List.of("chown", "-R", runAs + ":" + runAs, path.toString()));
    }

    private void ensureUser() {
        if (Commands.run(List.of("id", "-u", runAs), true) != 0) {
            Commands.run(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", runAs));
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static String hash(Path path) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(path.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
