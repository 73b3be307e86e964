package io.maskwatch.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.Locale;

/**
 * Takes the image out of a detect request, in any of its three forms: the raw body ({@code image/*} or
 * anything else that is not JSON or a form), a multipart form field {@code image}, or the reference design's
 * JSON {@code {"image": "<base64>", "type": "jpg"}}. Nothing is read past the body limit.
 */
final class RequestReader {

    private final ObjectMapper json;
    private final long maxBodyBytes;

    RequestReader(ObjectMapper json, long maxBodyBytes) {
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Refuses a body whose declared length is over the limit, before anything is read. */
    void checkDeclaredLength(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBodyBytes) {
            throw tooLarge(declared);
        }
    }

    ImageUpload read(Context ctx) throws IOException {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/form-data")) {
            return multipart(ctx);
        }
        byte[] body = readBounded(ctx.req().getInputStream());
        if (type.startsWith("application/json")) {
            return base64Json(body);
        }
        if (body.length == 0) {
            throw new ApiException(400, "empty request body: send an image (image/jpeg, image/png, ...), "
                    + "a multipart field 'image' or JSON {\"image\": \"<base64>\"}");
        }
        return new ImageUpload(body, "upload" + extension(type));
    }

    private ImageUpload multipart(Context ctx) throws IOException {
        UploadedFile file;
        try {
            file = ctx.uploadedFile("image");
        } catch (Exception e) { // Jetty's parser errors arrive as (undeclared) ServletException
            throw multipartError(e);
        }
        if (file == null) {
            throw new ApiException(400, "multipart form has no field 'image'");
        }
        byte[] bytes;
        try (InputStream in = file.content()) {
            bytes = readBounded(in);
        }
        if (bytes.length == 0) {
            throw new ApiException(400, "multipart field 'image' is empty");
        }
        String name = file.filename() == null || file.filename().isBlank() ? "upload" : baseName(file.filename());
        return new ImageUpload(bytes, name);
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
        String ext = type != null && type.isTextual() ? "." + type.asText().replaceAll("[^A-Za-z0-9]", "") : "";
        return new ImageUpload(bytes, "upload" + ext);
    }

    /** Reads at most the body limit; one byte more means the body is too large. */
    byte[] readBounded(InputStream in) {
        byte[] bytes;
        try {
            bytes = in.readNBytes((int) maxBodyBytes + 1);
        } catch (IOException e) {
            throw incomplete(e);
        }
        if (bytes.length > maxBodyBytes) {
            throw tooLarge(-1);
        }
        return bytes;
    }

    /** The client stopped sending (closed, or idle past the server's timeout) before the body was complete. */
    private static ApiException incomplete(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException) {
                return new ApiException(408, "request body not received in time");
            }
        }
        return new ApiException(400, "request body incomplete: " + firstLine(String.valueOf(e.getMessage())));
    }

    private ApiException tooLarge(long declared) {
        return new ApiException(413, "request body " + (declared > 0 ? "of " + declared + " bytes " : "")
                + "is over the limit of " + maxBodyBytes + " bytes");
    }

    /** Jetty's multipart parser reports its size limits and syntax errors as runtime exceptions. */
    private ApiException multipartError(Exception e) {
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
