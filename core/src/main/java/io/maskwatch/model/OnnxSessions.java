package io.maskwatch.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;

/**
 * The one ONNX Runtime environment of the process, and the way sessions are opened from it.
 * An OrtSession is thread-safe for run(), so each model opens one session and shares it.
 */
public final class OnnxSessions {

    private OnnxSessions() {
    }

    public static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment();
    }

    /**
     * Opens a session with {@code intraOpThreads} threads per run (1 suits batch mode, where images run
     * in parallel on all cores; 0 lets ONNX Runtime use every core for one image).
     */
    public static OrtSession open(Path model, int intraOpThreads) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            return environment().createSession(model.toString(), options);
        } catch (OrtException e) {
            throw new ModelException("cannot load ONNX model " + model + ": " + e.getMessage(), e);
        }
    }

    /** Closes a session, naming the model if ONNX Runtime refuses. */
    public static void close(OrtSession session, Object model) {
        try {
            session.close();
        } catch (OrtException e) {
            throw new ModelException(model + ": cannot close session: " + e.getMessage(), e);
        }
    }

    /**
     * Closes the session of a model whose loading failed and returns {@code failure} to be thrown: a refusal to close
     * is added to it as suppressed, so that the reason the model failed is the one reported.
     */
    public static <T extends Throwable> T closeAfter(OrtSession session, T failure) {
        try {
            session.close();
        } catch (OrtException | RuntimeException e) {
            failure.addSuppressed(e);
        }
        return failure;
    }
}
