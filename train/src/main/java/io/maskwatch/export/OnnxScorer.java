package io.maskwatch.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs an exported classifier with ONNX Runtime on ready-made input tensors: used to check the
 * export against DJL and to report on the very file that serving loads.
 */
public final class OnnxScorer implements AutoCloseable {

    private final OrtSession session;
    private final int size;

    public OnnxScorer(Path model, int size, int threads) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(threads);
            o.setInterOpNumThreads(1);
            this.session = env.createSession(model.toString(), o);
        }
        this.size = size;
    }

    public Map<String, String> metadata() throws OrtException {
        return session.getMetadata().getCustomMetadata();
    }

    /** P(masked) for n crops given as one normalised NCHW tensor. */
    public float[] score(float[] tensor, int n) throws OrtException {
        int per = 3 * size * size;
        float[] out = new float[n];
        int bs = 256;
        for (int i = 0; i < n; i += bs) {
            int k = Math.min(bs, n - i);
            FloatBuffer buf = FloatBuffer.wrap(tensor, i * per, k * per).slice();
            try (OnnxTensor t = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), buf, new long[] {k, 3, size, size});
                 OrtSession.Result r = session.run(Map.of(OnnxExporter.INPUT, t))) {
                float[][] p = (float[][]) r.get(OnnxExporter.OUTPUT).orElseThrow().getValue();
                for (int j = 0; j < k; j++) out[i + j] = p[j][0];
            }
        }
        return out;
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
