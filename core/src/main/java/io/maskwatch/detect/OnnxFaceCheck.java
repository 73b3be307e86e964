package io.maskwatch.detect;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.maskwatch.classify.ClassifierContract;
import io.maskwatch.classify.CropBatches;
import io.maskwatch.classify.CropSpec;
import io.maskwatch.classify.FaceCrops;
import io.maskwatch.model.ModelException;
import io.maskwatch.model.OnnxSessions;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The face check on ONNX Runtime ({@code maskwatch train-face-check} makes the model). The file carries its crop rule in
 * its metadata_props under the classifier's keys ({@code maskwatch.crop.*}); input float [N,3,S,S] named
 * {@value #INPUT} (NCHW RGB, normalised by {@link FaceCrops#toTensor}), output float [N,5] named {@value #OUTPUT}
 * ({@link FaceCheckDecoder}). All candidates of an image go through one run ({@link CropBatches}). Thread-safe.
 */
public final class OnnxFaceCheck implements FaceCheck {

    /** The model id in the manifest. */
    public static final String MODEL_ID = "face-check";
    public static final String INPUT = "input";
    public static final String OUTPUT = "face_check";
    private final Path model;
    private final OrtSession session;
    private final CropSpec crop;
    private final Map<String, String> metadata;
    private final CropBatches runs;

    /** @throws ModelException if the file cannot be loaded or is not a maskwatch face check */
    public OnnxFaceCheck(Path model, int intraOpThreads) {
        if (!Files.isRegularFile(model)) {
            throw new ModelException("face check " + model + ": no such file");
        }
        this.model = model;
        this.session = OnnxSessions.open(model, intraOpThreads);
        try {
            this.metadata = Map.copyOf(session.getMetadata().getCustomMetadata());
            this.crop = ClassifierContract.cropSpec(model, metadata);
            checkSignature();
            this.runs = new CropBatches(session, model, "face check", INPUT, OUTPUT, crop, FaceCheckDecoder.COLUMNS);
        } catch (OrtException e) {
            throw OnnxSessions.closeAfter(session, new ModelException(
                    "face check " + model + ": cannot read its metadata: " + e.getMessage(), e));
        } catch (RuntimeException e) {
            throw OnnxSessions.closeAfter(session, e);
        }
    }

    /** The crop rule the model was trained with. */
    public CropSpec cropSpec() {
        return crop;
    }

    /** All metadata_props of the model (crop rule and provenance: seed, epochs, data, git commit). */
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public List<Verdict> check(BufferedImage image, List<Face> candidates) {
        List<BufferedImage> crops = new ArrayList<>(candidates.size());
        for (Face f : candidates) {
            crops.add(FaceCrops.crop(image, f.box(), crop));
        }
        float[] z = outputs(crops);
        List<Verdict> out = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            out.add(FaceCheckDecoder.decode(candidates.get(i).box(), crop, z, i * FaceCheckDecoder.COLUMNS));
        }
        return out;
    }

    /** The raw outputs for crops already cut by {@link #cropSpec()}: {@link FaceCheckDecoder#COLUMNS} per crop. */
    public float[] outputs(List<BufferedImage> crops) {
        return runs.rows(crops);
    }

    private void checkSignature() throws OrtException {
        Map<String, NodeInfo> inputs = session.getInputInfo();
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        if (!inputs.containsKey(INPUT) || !outputs.containsKey(OUTPUT)) {
            throw new ModelException(model + ": not a maskwatch face check: expected input '" + INPUT + "' and output '"
                    + OUTPUT + "', the graph has " + inputs.keySet() + " -> " + outputs.keySet());
        }
        if (!(outputs.get(OUTPUT).getInfo() instanceof TensorInfo o) || o.getShape().length != 2
                || (o.getShape()[1] >= 0 && o.getShape()[1] != FaceCheckDecoder.COLUMNS)) {
            throw new ModelException(model + ": output '" + OUTPUT + "' must be float [N, " + FaceCheckDecoder.COLUMNS
                    + "], is " + outputs.get(OUTPUT).getInfo());
        }
    }

    @Override
    public void close() {
        OnnxSessions.close(session, "face check " + model);
    }
}
