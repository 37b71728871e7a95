package io.promptcms.importexport.imports;

import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An S3 object read as consecutive ranged GETs of {@value #CHUNK} bytes, each read whole into one buffer. An import
 * reads its file at the writers' pace and pauses while they catch up: one GET held open for the whole import sits idle
 * for those pauses, and servers drop such connections (a read timeout, a premature end of the body) long before a
 * 100,000-row import is through. A short GET per chunk holds no connection between reads, and memory stays at one
 * chunk. Every GET carries the caller's version id or If-Match, so the chunks are of one object version.
 */
final class RangedObjectStream extends InputStream {

    static final int CHUNK = 4 * 1024 * 1024;

    private final S3Client s3;
    private final GetObjectRequest request;
    private byte[] chunk = new byte[0];
    private int position;
    private long next;
    private long size = -1;

    RangedObjectStream(S3Client s3, GetObjectRequest request) {
        this.s3 = s3;
        this.request = request;
    }

    @Override
    public int read() throws IOException {
        return fill() ? chunk[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, chunk.length - position);
        System.arraycopy(chunk, position, buffer, offset, n);
        position += n;
        return n;
    }

    /** True when there are bytes to read, fetching the next chunk if this one is used up. */
    private boolean fill() throws IOException {
        if (position < chunk.length) {
            return true;
        }
        if (size >= 0 && next >= size) {
            return false;
        }
        String range = "bytes=" + next + "-" + (next + CHUNK - 1);
        try (ResponseInputStream<GetObjectResponse> body = s3.getObject(request.toBuilder().range(range).build())) {
            chunk = body.readAllBytes();
            size = totalSize(body.response(), next + chunk.length);
        } catch (S3Exception e) {
            if (e.statusCode() != 416 || next != 0) {
                throw e;
            }
            chunk = new byte[0]; // an empty object has no byte 0 to range over
            size = 0;
        }
        position = 0;
        next += chunk.length;
        return chunk.length > 0;
    }

    /** The object's size from {@code Content-Range: bytes a-b/size}; a server that ignores ranges sent it all. */
    private static long totalSize(GetObjectResponse response, long readSoFar) {
        String contentRange = response.contentRange();
        if (contentRange == null || !contentRange.contains("/")) {
            return readSoFar;
        }
        return Long.parseLong(contentRange.substring(contentRange.lastIndexOf('/') + 1).strip());
    }
}
