package io.maskwatch.model;

/** A model is missing, corrupt or cannot run; the message says which file and what to do. */
public class ModelException extends RuntimeException {

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
