package io.maskwatch.detect;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** Creates detectors by name, the names the command line, the server and reports use. */
public final class Detectors {

    /** The default detector (see docs/detection.md for the measurements behind the choice). */
    public static final String DEFAULT = YuNetModel.NAME;

    /** Every detector name {@link #create} accepts. */
    public static final List<String> NAMES = List.of(YuNetModel.NAME, YuNetModel.MASKED_NAME, RetinaFaceModel.NAME);

    private Detectors() {
    }

    /**
     * Opens a detector.
     *
     * @param name           "yunet", "yunet-masked" or "retinaface"
     * @param config         thresholds and scales, e.g. {@link DetectorConfig#DEFAULT}
     * @param models         maps a model id ("yunet-masked", "yunet-dynamic", "retinaface-mnet025") to its file, e.g.
     *                       {@code ModelStore::resolve}
     * @param intraOpThreads ONNX Runtime threads per run: 1 when images run in parallel, 0 = all cores
     * @throws IllegalArgumentException for an unknown name (the message lists the known ones)
     */
    public static FaceDetector create(String name, DetectorConfig config, Function<String, Path> models,
                                      int intraOpThreads) {
        return switch (name) {
            case YuNetModel.NAME, YuNetModel.MASKED_NAME -> new MultiScaleDetector(
                    new YuNetModel(name, models.apply(modelId(name)), intraOpThreads), config);
            case RetinaFaceModel.NAME -> new MultiScaleDetector(
                    new RetinaFaceModel(models.apply(RetinaFaceModel.MODEL_ID), intraOpThreads), config);
            default -> throw new IllegalArgumentException("unknown detector '" + name + "'; known: " + NAMES);
        };
    }

    /**
     * Opens a detector followed by the face check ({@link CheckedDetector}) when {@code check} is enabled: the detector
     * then runs down to the check's rescue score, and the face check's model ({@value OnnxFaceCheck#MODEL_ID}) comes
     * from {@code models} too. With {@link FaceCheckConfig#OFF}, the same as {@link #create(String, DetectorConfig, Function, int)}.
     */
    public static FaceDetector create(String name, DetectorConfig config, FaceCheckConfig check,
                                      Function<String, Path> models, int intraOpThreads) {
        if (!check.enabled()) {
            return create(name, config, models, intraOpThreads);
        }
        FaceCheck faceCheck = new OnnxFaceCheck(models.apply(OnnxFaceCheck.MODEL_ID), intraOpThreads);
        try {
            FaceDetector candidates = create(name, CheckedDetector.candidateConfig(config, check), models, intraOpThreads);
            return new CheckedDetector(candidates, faceCheck, check, config);
        } catch (RuntimeException e) {
            faceCheck.close();
            throw e;
        }
    }

    /**
     * The masked-face boxes the pipeline asks for with detector {@code name}: {@link MaskedBoxConfig#DEFAULT} for the
     * original YuNet (measured with it); off for yunet-masked, whose own boxes they are, and for RetinaFace.
     */
    public static MaskedBoxConfig defaultMaskedBoxes(String name) {
        return name.equals(YuNetModel.NAME) ? MaskedBoxConfig.DEFAULT : MaskedBoxConfig.OFF;
    }

    /**
     * Opens the masked-face boxes of {@code config} ({@link YuNetMaskedFaceBoxes}; its model,
     * {@value YuNetModel#MASKED_MODEL_ID}, comes from {@code models}), or returns null when it is not enabled.
     */
    public static MaskedFaceBoxes maskedFaceBoxes(MaskedBoxConfig config, Function<String, Path> models, int intraOpThreads) {
        return config.enabled() ? new YuNetMaskedFaceBoxes(models.apply(YuNetModel.MASKED_MODEL_ID), config, intraOpThreads) : null;
    }

    /**
     * The face check the pipeline uses with detector {@code name}: {@link FaceCheckConfig#DEFAULT} for both YuNets (it
     * was trained on the original's candidates and measured with both); off for RetinaFace.
     */
    public static FaceCheckConfig defaultCheck(String name) {
        return name.equals(YuNetModel.NAME) || name.equals(YuNetModel.MASKED_NAME) ? FaceCheckConfig.DEFAULT : FaceCheckConfig.OFF;
    }

    /** Every model id detector {@code name} with {@code check} opens: its own, then the face check's when enabled. */
    public static List<String> modelIds(String name, FaceCheckConfig check) {
        return modelIds(name, check, MaskedBoxConfig.OFF);
    }

    /** As {@link #modelIds(String, FaceCheckConfig)}, then the masked-face model's when {@code maskedBoxes} is enabled. */
    public static List<String> modelIds(String name, FaceCheckConfig check, MaskedBoxConfig maskedBoxes) {
        List<String> ids = new java.util.ArrayList<>(List.of(modelId(name)));
        if (check.enabled()) ids.add(OnnxFaceCheck.MODEL_ID);
        if (maskedBoxes.enabled() && !ids.contains(YuNetModel.MASKED_MODEL_ID)) ids.add(YuNetModel.MASKED_MODEL_ID);
        return List.copyOf(ids);
    }

    /** The model id a detector name needs, for model stores and messages. */
    public static String modelId(String name) {
        return switch (name) {
            case YuNetModel.NAME -> YuNetModel.MODEL_ID;
            case YuNetModel.MASKED_NAME -> YuNetModel.MASKED_MODEL_ID;
            case RetinaFaceModel.NAME -> RetinaFaceModel.MODEL_ID;
            default -> throw new IllegalArgumentException("unknown detector '" + name + "'; known: " + NAMES);
        };
    }
}
