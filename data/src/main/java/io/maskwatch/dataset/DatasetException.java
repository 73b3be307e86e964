package io.maskwatch.dataset;

/** An annotated set that cannot be read (or, in strict mode, one with warnings). The message says why and where. */
public class DatasetException extends RuntimeException {

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
