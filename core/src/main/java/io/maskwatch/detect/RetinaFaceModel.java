package io.maskwatch.detect;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.maskwatch.model.InputBuffers;
import io.maskwatch.model.ModelException;
import io.maskwatch.model.OnnxSessions;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * RetinaFace with a MobileNet-0.25 backbone (biubug6's weights) on ONNX Runtime. Fixed square input (640):
 * BGR minus the mean (104, 117, 123), the tile placed top-left and padded with the mean; larger passes are
 * tiled. {@link RetinaFaceDecoder} turns the outputs into faces.
 */
public final class RetinaFaceModel implements TileModel {

    public static final String NAME = "retinaface";
    public static final String MODEL_ID = "retinaface-mnet025";

    private static final float[] MEAN = {104f, 117f, 123f};

    private final Path model;
    private final OrtSession session;
    private final String inputName;
    private final String locName;
    private final String confName;
    private final String landmarkName;
    private final int size;
    private final RetinaFaceDecoder decoder;
    private final InputBuffers buffers = new InputBuffers();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Opens the model with its own session ({@code intraOpThreads}: 1 for batch work over many images). */
    public RetinaFaceModel(Path model, int intraOpThreads) {
        this.model = model;
        this.session = OnnxSessions.open(model, intraOpThreads);
        try {
            Map.Entry<String, NodeInfo> in = session.getInputInfo().entrySet().iterator().next();
            long[] shape = ((TensorInfo) in.getValue().getInfo()).getShape();
            if (shape.length != 4 || shape[2] <= 0 || shape[2] != shape[3]) {
                throw new ModelException(model + ": expected a fixed square input [1,3,S,S], got "
                        + Arrays.toString(shape));
            }
            this.inputName = in.getKey();
            this.size = (int) shape[2];
            // outputs are told apart by their last dimension: 4 boxes, 2 scores, 10 landmarks
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
            closed.set(true);
            throw OnnxSessions.closeAfter(session,
                    new ModelException(model + ": cannot read model inputs/outputs: " + e.getMessage(), e));
        } catch (RuntimeException e) {
            closed.set(true);
            throw OnnxSessions.closeAfter(session, e);
        }
        this.decoder = new RetinaFaceDecoder(size);
    }

    @Override
    public String name() { return NAME; }

    @Override
    public int maxTile() { return size; }

    @Override
    public List<Face> detect(ImageTensor image, double scale, int tx, int ty, int tw, int th, double minScore) {
        try (InputBuffers.Input input = buffers.take(3 * size * size)) {
            image.fill(input.array(), size, size, scale, tx, ty, tw, th, MEAN, 0f);
            try (OrtSession.Result result = run(input)) {
                return decoder.decode(output(result, locName), output(result, confName),
                        output(result, landmarkName), minScore);
            } catch (IllegalArgumentException e) {
                throw new ModelException(model + ": unexpected output: " + e.getMessage(), e);
            }
        }
    }

    /** Buffers for {@link #run}'s input. */
    InputBuffers buffers() { return buffers; }

    /** One run on a prepared input tensor (3 planes of size x size); the caller closes the result. */
    OrtSession.Result run(InputBuffers.Input input) {
        try (OnnxTensor tensor = input.tensor(new long[] {1, 3, size, size})) {
            return session.run(Map.of(inputName, tensor));
        } catch (OrtException e) {
            throw new ModelException(model + ": inference failed: " + e.getMessage(), e);
        }
    }

    /** The boxes, scores and landmarks outputs' names, in that order. */
    List<String> outputNames() {
        return List.of(locName, confName, landmarkName);
    }

    int size() { return size; }

    static FloatBuffer output(OrtSession.Result result, String name) {
        return ((OnnxTensor) result.get(name).orElseThrow()).getFloatBuffer();
    }

    @Override
    public void close() {
        if (session != null && closed.compareAndSet(false, true)) {
            OnnxSessions.close(session, model);
        }
    }
}
