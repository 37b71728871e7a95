package io.promptcms.importexport.imports;

import io.promptcms.common.Ids;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * An object key in the drop folder, {@code imports/<userId>/…/<file name>}: whose library it imports into, and,
 * for {@code imports/<userId>/<jobId>/<file name>} (upload URLs and staged API bodies), the job reserved for it.
 */
public record DropKey(String key, String userId, String reservedJobId, String fileName) {

    public static final String PREFIX = "imports/";
    public static final String JOB_ID_PREFIX = "imp";

    /** The key as S3 event notifications carry it: form-URL-encoded ({@code +} = space, {@code %XX} = UTF-8 bytes). */
    public static String decodeEventKey(String encoded) {
        return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    }

    /** Empty for keys outside the drop folder or without a user and a file segment. */
    public static Optional<DropKey> parse(String key) {
        if (!key.startsWith(PREFIX) || key.endsWith("/")) {
            return Optional.empty();
        }
        String[] segments = key.substring(PREFIX.length()).split("/");
        if (segments.length < 2 || segments[0].isBlank()) {
            return Optional.empty();
        }
        String reserved = segments.length >= 3 && Ids.looksLike(JOB_ID_PREFIX, segments[1]) ? segments[1] : null;
        return Optional.of(new DropKey(key, segments[0], reserved, segments[segments.length - 1]));
    }

    public static String of(String userId, String jobId, String fileName) {
        return PREFIX + userId + "/" + jobId + "/" + fileName;
    }
}
