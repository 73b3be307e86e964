package io.maskwatch.detect;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.maskwatch.model.ModelException;
import io.maskwatch.model.OnnxSessions;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RetinaFace with a MobileNet-0.25 backbone (biubug6's weights) on ONNX Runtime. Fixed square input (640):
 * BGR minus the mean (104, 117, 123), photo scaled into the top-left corner and padded with the mean; larger
 * passes are tiled. Output decoding follows the reference code: SSD priors (min sizes 16/32, 64/128, 256/512 at
 * steps 8/16/32, two per cell, row-major), variances 0.1/0.2, the same for the five landmarks.
 */
public final class RetinaFaceDetector extends MultiScaleDetector {

    public static final String NAME = "retinaface";
    public static final String MODEL_ID = "retinaface-mnet025";

    private static final float[] MEAN = {104f, 117f, 123f};
    private static final int[] STEPS = {8, 16, 32};
    private static final int[][] MIN_SIZES = {{16, 32}, {64, 128}, {256, 512}};
    private static final float VARIANCE_CENTER = 0.1f;
    private static final float VARIANCE_SIZE = 0.2f;

    private final Path model;
    private final OrtSession session;
    private final String inputName;
    private final String locName;
    private final String confName;
    private final String landmarkName;
    private final int size;
    /** cx, cy, w, h of each prior, in input pixels. */
    private final float[] priors;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    /** Opens the model with its own session ({@code intraOpThreads}: 1 for batch work over many images). */
    public RetinaFaceDetector(Path model, DetectorConfig config, int intraOpThreads) {
        super(config);
        this.model = model;
        this.session = OnnxSessions.open(model, intraOpThreads);
        try {
            Map.Entry<String, NodeInfo> in = session.getInputInfo().entrySet().iterator().next();
            long[] shape = ((TensorInfo) in.getValue().getInfo()).getShape();
            if (shape.length != 4 || shape[2] <= 0 || shape[2] != shape[3]) {
                throw new ModelException(model + ": expected a fixed square input [1,3,S,S], got "
                        + java.util.Arrays.toString(shape));
            }
            this.inputName = in.getKey();
            this.size = (int) shape[2];
            String loc = null, conf = null, lm = null;
            for (Map.Entry<String, NodeInfo> e : session.getOutputInfo().entrySet()) {
                long[] s = ((TensorInfo) e.getValue().getInfo()).getShape();
                long last = s[s.length - 1];
                if (last == 4) {
                    loc = e.getKey();
                } else if (last == 2) {
                    conf = e.getKey();
                } else if (last == 10) {
                    lm = e.getKey();
                }
            }
            if (loc == null || conf == null || lm == null) {
                throw new ModelException(model + ": not a RetinaFace model (need outputs [1,N,4], [1,N,2], "
                        + "[1,N,10]; found " + session.getOutputNames() + ")");
            }
            this.locName = loc;
            this.confName = conf;
            this.landmarkName = lm;
        } catch (OrtException e) {
            close();
            throw new ModelException(model + ": cannot read model inputs/outputs: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        this.priors = priors(size);
    }

    @Override
    public String name() { return NAME; }

    @Override
    protected int maxTile() { return size; }

    static float[] priors(int size) {
        List<float[]> list = new ArrayList<>();
        for (int k = 0; k < STEPS.length; k++) {
            int step = STEPS[k];
            int n = (int) Math.ceil(size / (double) step);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    for (int minSize : MIN_SIZES[k]) {
                        list.add(new float[] {(j + 0.5f) * step, (i + 0.5f) * step, minSize, minSize});
                    }
                }
            }
        }
        float[] out = new float[list.size() * 4];
        for (int i = 0; i < list.size(); i++) {
            System.arraycopy(list.get(i), 0, out, i * 4, 4);
        }
        return out;
    }

    @Override
    protected List<Face> detectTile(ImageTensor image, double scale, int tx, int ty, int tw, int th,
                                    double minScore) {
        float[] input = new float[3 * size * size];
        image.fill(input, size, size, scale, tx, ty, tw, th, MEAN, 0f);
        try (OnnxTensor tensor = OnnxTensor.createTensor(OnnxSessions.environment(), FloatBuffer.wrap(input),
                new long[] {1, 3, size, size});
             OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            FloatBuffer loc = ((OnnxTensor) result.get(locName).orElseThrow()).getFloatBuffer();
            FloatBuffer conf = ((OnnxTensor) result.get(confName).orElseThrow()).getFloatBuffer();
            FloatBuffer lms = ((OnnxTensor) result.get(landmarkName).orElseThrow()).getFloatBuffer();
            int n = priors.length / 4;
            if (conf.capacity() != 2 * n) {
                throw new ModelException(model + ": expected " + n + " priors, model gives " + conf.capacity() / 2);
            }
            List<Face> faces = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                float score = conf.get(2 * i + 1);
                if (score < minScore) {
                    continue;
                }
                float pcx = priors[4 * i], pcy = priors[4 * i + 1], pw = priors[4 * i + 2], ph = priors[4 * i + 3];
                float cx = pcx + loc.get(4 * i) * VARIANCE_CENTER * pw;
                float cy = pcy + loc.get(4 * i + 1) * VARIANCE_CENTER * ph;
                float w = pw * (float) Math.exp(loc.get(4 * i + 2) * VARIANCE_SIZE);
                float h = ph * (float) Math.exp(loc.get(4 * i + 3) * VARIANCE_SIZE);
                List<Point> points = new ArrayList<>(5);
                for (int p = 0; p < 5; p++) {
                    points.add(new Point(pcx + lms.get(10 * i + 2 * p) * VARIANCE_CENTER * pw,
                            pcy + lms.get(10 * i + 2 * p + 1) * VARIANCE_CENTER * ph));
                }
                faces.add(new Face(new Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), score, points));
            }
            return faces;
        } catch (OrtException e) {
            throw new ModelException(model + ": inference failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (session != null && closed.compareAndSet(false, true)) {
            OnnxSessions.close(session, model);
        }
    }
}
