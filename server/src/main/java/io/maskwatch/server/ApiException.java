package io.maskwatch.server;

/** A request the server refuses: the HTTP status and a one-line message for {@code {"error": "..."}}. */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String retryAfter;

    public ApiException(int status, String message) {
        this(status, message, null);
    }

    private ApiException(int status, String message, String retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** 503 with a Retry-After (seconds). */
    public static ApiException unavailable(String message, int retryAfterSeconds) {
        return new ApiException(503, message, Integer.toString(retryAfterSeconds));
    }

    public int status() {
        return status;
    }

    /** The Retry-After header value, or null. */
    public String retryAfter() {
        return retryAfter;
    }
}
