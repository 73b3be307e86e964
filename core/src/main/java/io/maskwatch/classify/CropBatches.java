package io.maskwatch.classify;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.maskwatch.model.ModelException;
import io.maskwatch.model.OnnxSessions;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ONNX Runtime runs of a model that looks at face crops: crops cut by its {@link CropSpec} and normalised by
 * {@link FaceCrops#toTensor} go through the graph in batches of at most {@link #MAX_BATCH}, and its float
 * [N, columns] output comes back row by row. The mask classifier and the detector's face check both run this way.
 * Thread-safe, as the session is; each call has its own tensors.
 */
public final class CropBatches {

    /** Crops per run; more run in several batches (bounded memory). */
    public static final int MAX_BATCH = 256;

    private final OrtSession session;
    private final Object model;
    private final String what;
    private final String input;
    private final String output;
    private final CropSpec crop;
    private final int columns;

    /**
     * @param model   the model file, named in errors
     * @param what    what the model is, for errors ("mask classifier", "face check")
     * @param columns the output's values per crop
     */
    public CropBatches(OrtSession session, Object model, String what, String input, String output, CropSpec crop,
                       int columns) {
        this.session = session;
        this.model = model;
        this.what = what;
        this.input = input;
        this.output = output;
        this.crop = crop;
        this.columns = columns;
    }

    /** The output for crops already cut by the crop rule (size × size, TYPE_3BYTE_BGR): {@code columns} per crop. */
    public float[] rows(List<BufferedImage> crops) {
        float[] out = new float[crops.size() * columns];
        for (int from = 0; from < crops.size(); from += MAX_BATCH) {
            List<BufferedImage> part = crops.subList(from, Math.min(crops.size(), from + MAX_BATCH));
            System.arraycopy(run(FaceCrops.toTensor(part, crop), part.size()), 0, out, from * columns,
                    part.size() * columns);
        }
        return out;
    }

    /** The output for {@code n} crops given as one normalised NCHW tensor: {@code columns} per crop. */
    public float[] rows(float[] nchw, int n) {
        int per = 3 * crop.size() * crop.size();
        float[] out = new float[n * columns];
        for (int from = 0; from < n; from += MAX_BATCH) {
            int k = Math.min(MAX_BATCH, n - from);
            System.arraycopy(run(Arrays.copyOfRange(nchw, from * per, (from + k) * per), k), 0, out, from * columns,
                    k * columns);
        }
        return out;
    }

    /** One run of {@code n} crops. */
    private float[] run(float[] tensor, int n) {
        int s = crop.size();
        try (OnnxTensor in = OnnxTensor.createTensor(OnnxSessions.environment(), FloatBuffer.wrap(tensor),
                new long[] {n, 3, s, s});
             OrtSession.Result result = session.run(Map.of(input, in), Set.of(output))) {
            OnnxTensor out = (OnnxTensor) result.get(0);
            long[] shape = out.getInfo().getShape();
            if (shape.length == 0 || shape[0] != n || out.getInfo().getNumElements() != (long) n * columns) {
                throw new ModelException(model + ": output " + output + " has shape " + Arrays.toString(shape)
                        + " for a batch of " + n + ", expected [" + n + ", " + columns + "]");
            }
            float[] z = new float[n * columns];
            out.getFloatBuffer().get(z);
            return z;
        } catch (OrtException e) {
            throw new ModelException(what + " " + model + ": inference failed: " + e.getMessage(), e);
        }
    }
}
