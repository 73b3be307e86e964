package io.maskwatch.classify;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.maskwatch.detect.Box;
import io.maskwatch.model.ModelException;
import io.maskwatch.model.OnnxSessions;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The mask classifier on ONNX Runtime. The model file carries its own {@link ClassifierContract}
 * (crop rule, graph names, class list, threshold, provenance) in its metadata_props, so a retrained
 * model with another crop needs no code change. All faces of an image go through one run.
 * Thread-safe: the session is shared, each call has its own tensors.
 *
 * <p>The graph: input float [N,3,S,S] (NCHW RGB, normalised by {@link FaceCrops#toTensor}), output
 * float [N,K] = the probabilities of the contract's K classes (or [N,1] = P(masked) for a two-class
 * model of the first release).
 */
public final class OnnxMaskClassifier implements MaskClassifier {

    private final Path model;
    private final OrtSession session;
    private final ClassifierContract contract;
    private final Map<String, String> metadata;
    private final CropBatches runs;

    /**
     * Opens the model and reads its contract.
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
            this.contract = ClassifierContract.fromMetadata(model, metadata);
            checkSignature();
            this.runs = new CropBatches(session, model, "mask classifier", contract.input(), contract.output(),
                    contract.crop(), contract.outputColumns());
        } catch (OrtException e) {
            throw OnnxSessions.closeAfter(session, new ModelException(
                    "mask classifier " + model + ": cannot read its metadata: " + e.getMessage(), e));
        } catch (RuntimeException e) {
            throw OnnxSessions.closeAfter(session, e);
        }
    }

    public Path model() {
        return model;
    }

    /** The crop rule this model was trained with. */
    public CropSpec cropSpec() {
        return contract.crop();
    }

    /** What the model file promises: crop, names, classes, threshold, provenance. */
    public ClassifierContract contract() {
        return contract;
    }

    /** All metadata_props of the model (crop, threshold, provenance: seed, epochs, data, ...). */
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public double defaultThreshold() {
        return contract.threshold();
    }

    /**
     * Each face's answer is the mean of the model's probabilities for its crop and for the crop's mirror image. The
     * model was trained with random flips, so both views are equally its own; averaging them removes part of its
     * error: through the pipeline, TNR 97.9 -> 98.6% and FNR 4.1 -> 2.4% on the reference photos, and the same
     * answers on Kaggle's held-out photos (docs/training.md, "Mirror averaging"), for 0.1-0.2 ms more a face (one
     * batch holds both views).
     */
    @Override
    public List<MaskState> classify(BufferedImage image, List<Box> faces) {
        if (faces.isEmpty()) {
            return List.of();
        }
        int n = faces.size();
        List<BufferedImage> crops = new ArrayList<>(2 * n);
        for (Box b : faces) {
            crops.add(FaceCrops.crop(image, b, contract.crop()));
        }
        for (int i = 0; i < n; i++) {
            crops.add(FaceCrops.mirrored(crops.get(i)));
        }
        List<MaskState> both = classifyCrops(crops);
        List<MaskState> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(MaskState.mean(both.get(i), both.get(n + i)));
        }
        return out;
    }

    /**
     * The model's probabilities for crops already made with {@link #cropSpec()} (size × size, TYPE_3BYTE_BGR), one
     * view each (no mirror averaging: what training reports and the export parity check compare).
     */
    public List<MaskState> classifyCrops(List<BufferedImage> crops) {
        return states(runs.rows(crops), crops.size());
    }

    /** The probabilities of {@code n} crops given as one normalised NCHW tensor (as {@link FaceCrops#toTensor} makes). */
    public List<MaskState> classifyTensor(float[] tensor, int n) {
        return states(runs.rows(tensor, n), n);
    }

    /** The model's output rows as answers. */
    private List<MaskState> states(float[] p, int n) {
        int cols = contract.outputColumns();
        List<MaskState> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(cols == 1 ? MaskState.ofMasked(p[i]) : state(p, i * cols));
        }
        return out;
    }

    /** One row of the output, by the contract's class order. */
    private MaskState state(float[] p, int offset) {
        List<String> c = contract.classes();
        int im = c.indexOf("masked");
        int ii = c.indexOf("incorrect");
        int iu = c.indexOf("unmasked");
        return new MaskState(p[offset + im], ii < 0 ? 0f : p[offset + ii], iu < 0 ? 0f : p[offset + iu]);
    }

    /** The graph must take the contract's input [N,3,S,S] with S from the metadata and give its float output. */
    private void checkSignature() throws OrtException {
        String inName = contract.input();
        String outName = contract.output();
        Map<String, NodeInfo> inputs = session.getInputInfo();
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        if (!inputs.containsKey(inName) || inputs.size() != 1) {
            throw new ModelException(model + ": expected one input named '" + inName + "', the graph has " + inputs.keySet());
        }
        if (!outputs.containsKey(outName)) {
            throw new ModelException(model + ": expected an output named '" + outName + "', the graph has " + outputs.keySet());
        }
        if (!(inputs.get(inName).getInfo() instanceof TensorInfo in)
                || in.type != ai.onnxruntime.OnnxJavaType.FLOAT || in.getShape().length != 4) {
            throw new ModelException(model + ": input '" + inName + "' must be a float tensor [N,3,S,S], is "
                    + inputs.get(inName).getInfo());
        }
        long[] shape = in.getShape();
        int s = contract.crop().size();
        if (shape[1] != 3 || !dimFits(shape[2], s) || !dimFits(shape[3], s)) {
            throw new ModelException(model + ": input '" + inName + "' has shape " + java.util.Arrays.toString(shape)
                    + " but " + ClassifierContract.SIZE + " says " + s + " (expected [N,3," + s + "," + s + "])");
        }
        if (!(outputs.get(outName).getInfo() instanceof TensorInfo o) || o.type != ai.onnxruntime.OnnxJavaType.FLOAT) {
            throw new ModelException(model + ": output '" + outName + "' must be a float tensor, is " + outputs.get(outName).getInfo());
        }
        long[] os = o.getShape();
        int cols = contract.outputColumns();
        if (os.length > 1 && os[os.length - 1] >= 0 && os[os.length - 1] != cols) {
            throw new ModelException(model + ": output '" + outName + "' has shape " + java.util.Arrays.toString(os)
                    + " but the metadata lists " + contract.classes().size() + " classes " + contract.classes());
        }
    }

    /** A graph dimension matches when equal or symbolic (-1). */
    private static boolean dimFits(long dim, int size) {
        return dim == size || dim < 0;
    }

    @Override
    public void close() {
        OnnxSessions.close(session, "mask classifier " + model);
    }

    @Override
    public String toString() {
        return "OnnxMaskClassifier[" + model + ", " + contract + "]";
    }
}
