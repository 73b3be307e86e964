package io.maskwatch.classify;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.maskwatch.detect.Box;
import io.maskwatch.model.ModelException;
import io.maskwatch.model.OnnxSessions;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The mask classifier on ONNX Runtime. The model file carries its own crop rule and decision
 * threshold in its metadata_props ({@value #META_EXPAND}, ..., {@value #META_THRESHOLD}), so a
 * retrained model with another crop needs no code change. All faces of an image go through one run.
 * Thread-safe: the session is shared, each call has its own tensors.
 *
 * <p>The graph: input {@value #INPUT} float [N,3,S,S] (NCHW RGB, normalised by {@link FaceCrops#toTensor}),
 * output {@value #OUTPUT} float [N,1] (or [N]) = P(masked).
 */
public final class OnnxMaskClassifier implements MaskClassifier {

    public static final String INPUT = "input";
    public static final String OUTPUT = "p_masked";
    public static final String META_EXPAND = "maskwatch.crop.expand";
    public static final String META_SQUARE = "maskwatch.crop.square";
    public static final String META_SIZE = "maskwatch.crop.size";
    public static final String META_MEAN = "maskwatch.crop.mean";
    public static final String META_STD = "maskwatch.crop.std";
    public static final String META_THRESHOLD = "maskwatch.threshold";

    /** Faces per ONNX run; an image with more faces runs in several batches (bounded memory). */
    static final int MAX_BATCH = 256;

    private final Path model;
    private final OrtSession session;
    private final CropSpec spec;
    private final double threshold;
    private final Map<String, String> metadata;

    /**
     * Opens the model and reads its crop rule and threshold.
     *
     * @param intraOpThreads threads per run (1 in batch mode, where images run in parallel; 0 = all cores)
     * @throws ModelException if the file cannot be loaded or is not a maskwatch classifier
     */
    public OnnxMaskClassifier(Path model, int intraOpThreads) {
        if (!Files.isRegularFile(model)) {
            throw new ModelException("mask classifier " + model + ": no such file");
        }
        this.model = model;
        this.session = OnnxSessions.open(model, intraOpThreads);
        try {
            this.metadata = Map.copyOf(session.getMetadata().getCustomMetadata());
            this.spec = cropSpec(model, metadata);
            this.threshold = number(model, metadata, META_THRESHOLD);
            if (!(threshold >= 0 && threshold <= 1)) {
                throw new ModelException(model + ": " + META_THRESHOLD + " must be in [0, 1], is " + threshold);
            }
            checkSignature();
        } catch (OrtException e) {
            closeQuietly();
            throw new ModelException("mask classifier " + model + ": cannot read its metadata: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /** The metadata_props a classifier must carry for {@code spec} and {@code threshold} (what the export writes). */
    public static Map<String, String> metadataFor(CropSpec spec, double threshold) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(META_EXPAND, Double.toString(spec.expand()));
        m.put(META_SQUARE, Boolean.toString(spec.square()));
        m.put(META_SIZE, Integer.toString(spec.size()));
        m.put(META_MEAN, Float.toString(spec.mean()));
        m.put(META_STD, Float.toString(spec.std()));
        m.put(META_THRESHOLD, Double.toString(threshold));
        return m;
    }

    /** The crop rule recorded in a classifier's metadata_props. */
    public static CropSpec cropSpec(Path model, Map<String, String> metadata) {
        String square = required(model, metadata, META_SQUARE).trim().toLowerCase(Locale.ROOT);
        if (!square.equals("true") && !square.equals("false")) {
            throw new ModelException(model + ": " + META_SQUARE + " must be true or false, is '" + square + "'");
        }
        double size = number(model, metadata, META_SIZE);
        if (size != Math.rint(size)) {
            throw new ModelException(model + ": " + META_SIZE + " must be a whole number, is " + size);
        }
        try {
            return new CropSpec(number(model, metadata, META_EXPAND), square.equals("true"), (int) size,
                    (float) number(model, metadata, META_MEAN), (float) number(model, metadata, META_STD));
        } catch (IllegalArgumentException e) {
            throw new ModelException(model + ": bad crop metadata: " + e.getMessage(), e);
        }
    }

    public Path model() {
        return model;
    }

    /** The crop rule this model was trained with. */
    public CropSpec cropSpec() {
        return spec;
    }

    /** All metadata_props of the model (crop, threshold, provenance: seed, epochs, data, ...). */
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public double defaultThreshold() {
        return threshold;
    }

    @Override
    public float[] maskProbabilities(BufferedImage image, List<Box> faces) {
        if (faces.isEmpty()) {
            return new float[0];
        }
        List<BufferedImage> crops = new ArrayList<>(faces.size());
        for (Box b : faces) {
            crops.add(FaceCrops.crop(image, b, spec));
        }
        return classifyCrops(crops);
    }

    /** P(masked) for crops already made with {@link #cropSpec()} (size × size, TYPE_3BYTE_BGR). */
    public float[] classifyCrops(List<BufferedImage> crops) {
        float[] out = new float[crops.size()];
        for (int from = 0; from < crops.size(); from += MAX_BATCH) {
            List<BufferedImage> part = crops.subList(from, Math.min(crops.size(), from + MAX_BATCH));
            float[] p = run(FaceCrops.toTensor(part, spec), part.size());
            System.arraycopy(p, 0, out, from, p.length);
        }
        return out;
    }

    private float[] run(float[] tensor, int n) {
        int s = spec.size();
        try (OnnxTensor input = OnnxTensor.createTensor(OnnxSessions.environment(), FloatBuffer.wrap(tensor),
                new long[] {n, 3, s, s});
             OrtSession.Result result = session.run(Map.of(INPUT, input), Set.of(OUTPUT))) {
            OnnxTensor output = (OnnxTensor) result.get(0);
            long[] shape = output.getInfo().getShape();
            if (output.getInfo().getShape().length == 0 || shape[0] != n || output.getInfo().getNumElements() != n) {
                throw new ModelException(model + ": output " + OUTPUT + " has shape " + java.util.Arrays.toString(shape)
                        + " for a batch of " + n + ", expected [" + n + ", 1]");
            }
            float[] p = new float[n];
            output.getFloatBuffer().get(p);
            return p;
        } catch (OrtException e) {
            throw new ModelException("mask classifier " + model + ": inference failed: " + e.getMessage(), e);
        }
    }

    /** The graph must take {@value #INPUT} [N,3,S,S] with S from the metadata and give float {@value #OUTPUT}. */
    private void checkSignature() throws OrtException {
        Map<String, NodeInfo> inputs = session.getInputInfo();
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        if (!inputs.containsKey(INPUT) || inputs.size() != 1) {
            throw new ModelException(model + ": expected one input named '" + INPUT + "', the graph has " + inputs.keySet());
        }
        if (!outputs.containsKey(OUTPUT)) {
            throw new ModelException(model + ": expected an output named '" + OUTPUT + "', the graph has " + outputs.keySet());
        }
        if (!(inputs.get(INPUT).getInfo() instanceof TensorInfo in)
                || in.type != ai.onnxruntime.OnnxJavaType.FLOAT || in.getShape().length != 4) {
            throw new ModelException(model + ": input '" + INPUT + "' must be a float tensor [N,3,S,S], is "
                    + inputs.get(INPUT).getInfo());
        }
        long[] shape = in.getShape();
        int s = spec.size();
        if (shape[1] != 3 || !dimFits(shape[2], s) || !dimFits(shape[3], s)) {
            throw new ModelException(model + ": input '" + INPUT + "' has shape " + java.util.Arrays.toString(shape)
                    + " but " + META_SIZE + " says " + s + " (expected [N,3," + s + "," + s + "])");
        }
        if (!(outputs.get(OUTPUT).getInfo() instanceof TensorInfo o) || o.type != ai.onnxruntime.OnnxJavaType.FLOAT) {
            throw new ModelException(model + ": output '" + OUTPUT + "' must be a float tensor, is " + outputs.get(OUTPUT).getInfo());
        }
    }

    /** A graph dimension matches when equal or symbolic (-1). */
    private static boolean dimFits(long dim, int size) {
        return dim == size || dim < 0;
    }

    private static String required(Path model, Map<String, String> metadata, String key) {
        String v = metadata.get(key);
        if (v == null || v.isBlank()) {
            throw new ModelException(model + ": ONNX metadata_props lack '" + key + "'; a maskwatch mask classifier carries "
                    + String.join(", ", List.of(META_EXPAND, META_SQUARE, META_SIZE, META_MEAN, META_STD, META_THRESHOLD))
                    + " (written by `maskwatch train`); this file has " + new java.util.TreeSet<>(metadata.keySet()));
        }
        return v;
    }

    /** A number; per-channel lists ("0.5,0.5,0.5") are accepted when all channels agree, as CropSpec has one value. */
    private static double number(Path model, Map<String, String> metadata, String key) {
        String v = required(model, metadata, key).trim();
        try {
            String[] parts = v.replaceAll("[\\[\\]\\s]", "").split(",");
            double first = Double.parseDouble(parts[0]);
            for (String p : parts) {
                if (Double.parseDouble(p) != first) {
                    throw new ModelException(model + ": " + key + " = '" + v + "': per-channel values must be equal");
                }
            }
            return first;
        } catch (NumberFormatException e) {
            throw new ModelException(model + ": " + key + " = '" + v + "' is not a number", e);
        }
    }

    private void closeQuietly() {
        try {
            session.close();
        } catch (OrtException ignored) {
            // already failing
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new ModelException("mask classifier " + model + ": close failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "OnnxMaskClassifier[" + model + ", " + spec + ", threshold " + threshold + "]";
    }
}
