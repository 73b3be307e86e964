package io.maskwatch.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (a request it cannot parse: conflicting Content-Length and Transfer-Encoding, a URI or
 * headers too long, CONNECT; an idle timeout) in the API's form: {@code {"error": "..."}} with an
 * {@code X-Request-Id}, as every other answer.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put("X-Request-Id", MaskwatchServer.newRequestId());
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    /** Errors found while parsing, before there is a request (400, 414, 431). */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        fields.put("X-Request-Id", MaskwatchServer.newRequestId());
        return ByteBuffer.wrap(body(status, reason));
    }

    static byte[] body(int code, String message) {
        String status = HttpStatus.getMessage(code);
        String text = message == null || message.isBlank() || message.equalsIgnoreCase(status)
                ? status : status + ": " + message;
        text = text.replaceAll("[\\p{Cntrl}]", " ").strip();
        if (text.length() > 200) text = text.substring(0, 200) + "...";
        StringBuilder sb = new StringBuilder("{\"error\":\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') sb.append('\\');
            sb.append(c);
        }
        return sb.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
