package io.maskwatch.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;

/**
 * Takes the image out of a detect request, in any of its three forms: the raw body ({@code image/*} or
 * anything else that is not JSON or a form), a multipart form field {@code image}, or the reference design's
 * JSON {@code {"image": "<base64>", "type": "jpg"}}. The body is read in full first, under the body limit, a
 * deadline, a minimum rate and the memory budget of all bodies, and only then parsed.
 */
final class RequestReader {

    private static final int CHUNK = 64 * 1024;

    private final ObjectMapper json;
    private final long maxBodyBytes;
    private final ServerConfig.Timeouts timeouts;

    RequestReader(ObjectMapper json, long maxBodyBytes, ServerConfig.Timeouts timeouts) {
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
        this.timeouts = timeouts;
        // A base64 image near the body limit is one long JSON string: Jackson's default cap (20 MB) would refuse it.
        json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes)).build());
    }

    /** Refuses a body whose declared length is over the limit, before anything is read. */
    void checkDeclaredLength(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBodyBytes) {
            throw tooLarge(declared);
        }
    }

    /** Reads the whole body (see {@link #readBody}) and takes the image out of it. */
    ImageUpload read(Context ctx, BodyBudget.Lease lease) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        byte[] body = readBody(ctx, lease);
        if (type.startsWith("multipart/form-data")) {
            return multipart(ctx.contentType(), body);
        }
        if (type.startsWith("application/json")) {
            return base64Json(body);
        }
        if (body.length == 0) {
            throw new ApiException(400, "empty request body: send an image (image/jpeg, image/png, ...), "
                    + "a multipart field 'image' or JSON {\"image\": \"<base64>\"}");
        }
        return new ImageUpload(body, "upload" + extension(type));
    }

    /**
     * The body, read under three bounds: at most the body limit (one byte more is 413), within the body deadline
     * and, after the grace time, at the minimum rate (else 408), and within the memory budget of all bodies (else
     * 503). Each blocking read waits at most until the earlier of the deadline and the time the bytes so far allow
     * at the minimum rate: the connection's idle timeout is set to that for the read and restored after.
     */
    byte[] readBody(Context ctx, BodyBudget.Lease lease) {
        EndPoint endPoint = endPoint(ctx);
        long idle = endPoint == null ? 0 : endPoint.getIdleTimeout();
        long t0 = System.nanoTime();
        long deadline = t0 + timeouts.body().toNanos();
        ctx.attribute("bodyRead", Boolean.FALSE);
        byte[] buf = new byte[(int) Math.min(CHUNK, maxBodyBytes + 1)];
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            InputStream in = ctx.req().getInputStream();
            while (true) {
                long now = System.nanoTime();
                long until = Math.min(deadline, rateDeadline(t0, out.size()));
                if (until - now <= 0) {
                    throw slow(out.size(), now - t0);
                }
                if (endPoint != null) {
                    endPoint.setIdleTimeout(Math.max(1, Math.min(idle, (until - now) / 1_000_000 + 1)));
                }
                int n = in.read(buf, 0, (int) Math.min(buf.length, maxBodyBytes + 1 - out.size()));
                if (n < 0) {
                    break;
                }
                if (out.size() + n > maxBodyBytes) {
                    throw tooLarge(-1);
                }
                if (!lease.take(n)) {
                    throw ApiException.unavailable("server busy: request bodies in memory are at their limit; "
                            + "retry later", 1);
                }
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            long elapsed = System.nanoTime() - t0;
            throw timedOut(e) ? slow(out.size(), elapsed) : incomplete(e);
        } catch (OutOfMemoryError e) {
            throw ApiException.unavailable("not enough memory for this request body now; retry later", 5);
        } finally {
            if (endPoint != null) {
                endPoint.setIdleTimeout(idle);
            }
        }
        ctx.attribute("bodyRead", Boolean.TRUE);
        return out.toByteArray();
    }

    /** When the bytes received so far stop being enough for the minimum rate. */
    private long rateDeadline(long t0, long received) {
        if (timeouts.minBodyRate() == 0) {
            return Long.MAX_VALUE;
        }
        return t0 + timeouts.bodyGrace().toNanos() + received * 1_000_000_000L / timeouts.minBodyRate();
    }

    private ApiException slow(long received, long elapsedNanos) {
        return new ApiException(408, String.format(Locale.ROOT, "request body not received in time: %d bytes in "
                + "%.1f s; the body must arrive within %d s and, after %d s, at %d bytes/s or more", received,
                elapsedNanos / 1e9, timeouts.body().toSeconds(), timeouts.bodyGrace().toSeconds(),
                timeouts.minBodyRate()));
    }

    /** The connection under a request (for its idle timeout); null outside Jetty. */
    private static EndPoint endPoint(Context ctx) {
        try {
            return ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData().getConnection()
                    .getEndPoint();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private ImageUpload multipart(String contentType, byte[] body) {
        String boundary = MultiPart.extractBoundary(contentType);
        if (boundary == null || boundary.isEmpty()) {
            throw new ApiException(400, "bad multipart form: no boundary in Content-Type");
        }
        MultiPartFormData.Parser parser = new MultiPartFormData.Parser(boundary);
        parser.setMaxMemoryFileSize(maxBodyBytes + 1); // parts stay in memory: uploads never touch the disk
        parser.setMaxLength(maxBodyBytes);
        parser.setMaxParts(100);
        MultiPartFormData.Parts parts;
        try {
            parts = parser.parse(Content.Source.from(ByteBuffer.wrap(body))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "interrupted");
        } catch (ExecutionException e) {
            throw multipartError(e.getCause() == null ? e : e.getCause());
        }
        try (parts) {
            MultiPart.Part file = parts.getFirst("image");
            if (file == null) {
                throw new ApiException(400, "multipart form has no field 'image'");
            }
            byte[] bytes;
            try {
                ByteBuffer b = Content.Source.asByteBuffer(file.getContentSource());
                bytes = new byte[b.remaining()];
                b.get(bytes);
            } catch (IOException e) {
                throw multipartError(e);
            }
            if (bytes.length == 0) {
                throw new ApiException(400, "multipart field 'image' is empty");
            }
            String name = file.getFileName() == null || file.getFileName().isBlank()
                    ? "upload" : baseName(file.getFileName());
            return new ImageUpload(bytes, name);
        }
    }

    private ImageUpload base64Json(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw new ApiException(400, "request body is not valid JSON: " + firstLine(e.getMessage()));
        }
        JsonNode image = root == null ? null : root.get("image");
        if (image == null || !image.isTextual() || image.asText().isEmpty()) {
            throw new ApiException(400, "JSON body needs \"image\": a base64 string of the image file");
        }
        String b64 = image.asText();
        if (b64.startsWith("data:")) { // a data URL as a browser's FileReader makes it
            int comma = b64.indexOf(',');
            b64 = comma < 0 ? "" : b64.substring(comma + 1);
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "\"image\" is not valid base64: " + e.getMessage());
        }
        if (bytes.length == 0) {
            throw new ApiException(400, "\"image\" decodes to no bytes");
        }
        JsonNode type = root.get("type");
        String t = type != null && type.isTextual() ? type.asText().replaceAll("[^A-Za-z0-9]", "") : "";
        String ext = t.isEmpty() ? "" : "." + (t.length() > 10 ? t.substring(0, 10) : t); // echoed back in "image"
        return new ImageUpload(bytes, "upload" + ext);
    }

    /** The client stopped sending (closed the connection, or reset it) before the body was complete. */
    private static ApiException incomplete(IOException e) {
        return new ApiException(400, "request body incomplete: " + firstLine(String.valueOf(e.getMessage())));
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private ApiException tooLarge(long declared) {
        return new ApiException(413, "request body " + (declared > 0 ? "of " + declared + " bytes " : "")
                + "is over the limit of " + maxBodyBytes + " bytes");
    }

    /** Jetty's multipart parser reports its size limits and syntax errors as runtime exceptions. */
    private ApiException multipartError(Throwable e) {
        String msg = String.valueOf(e.getMessage());
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("exceed") || m.contains("too large") || m.contains("max")) {
                return tooLarge(-1);
            }
            msg = t.getMessage() == null ? msg : t.getMessage();
        }
        return new ApiException(400, "bad multipart form: " + firstLine(msg));
    }

    private static String extension(String contentType) {
        if (contentType.startsWith("image/")) {
            String sub = contentType.substring(6).split("[;+ ]")[0].replaceAll("[^a-z0-9]", "");
            return sub.isEmpty() ? "" : "." + (sub.equals("jpeg") ? "jpg" : sub);
        }
        return "";
    }

    private static String baseName(String filename) {
        String s = filename.replace('\\', '/');
        s = s.substring(s.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}]", "");
        return s.length() > 100 ? s.substring(0, 100) : s;
    }

    private static String firstLine(String s) {
        if (s == null) return "unknown error";
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
