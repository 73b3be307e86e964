package io.maskwatch.detect;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** Creates detectors by name, the names the command line, the server and reports use. */
public final class Detectors {

    /** The default detector (see docs/detection.md for the measurements behind the choice). */
    public static final String DEFAULT = YuNetModel.NAME;

    /** Every detector name {@link #create} accepts. */
    public static final List<String> NAMES = List.of(YuNetModel.NAME, RetinaFaceModel.NAME);

    private Detectors() {
    }

    /**
     * Opens a detector.
     *
     * @param name           "yunet" or "retinaface"
     * @param config         thresholds and scales, e.g. {@link DetectorConfig#DEFAULT}
     * @param models         maps a model id ("yunet-dynamic", "retinaface-mnet025") to its file, e.g.
     *                       {@code ModelStore::resolve}
     * @param intraOpThreads ONNX Runtime threads per run: 1 when images run in parallel, 0 = all cores
     * @throws IllegalArgumentException for an unknown name (the message lists the known ones)
     */
    public static FaceDetector create(String name, DetectorConfig config, Function<String, Path> models,
                                      int intraOpThreads) {
        return switch (name) {
            case YuNetModel.NAME ->
                    new MultiScaleDetector(new YuNetModel(models.apply(YuNetModel.MODEL_ID), intraOpThreads), config);
            case RetinaFaceModel.NAME -> new MultiScaleDetector(
                    new RetinaFaceModel(models.apply(RetinaFaceModel.MODEL_ID), intraOpThreads), config);
            default -> throw new IllegalArgumentException("unknown detector '" + name + "'; known: " + NAMES);
        };
    }

    /** The model id a detector name needs, for model stores and messages. */
    public static String modelId(String name) {
        return switch (name) {
            case YuNetModel.NAME -> YuNetModel.MODEL_ID;
            case RetinaFaceModel.NAME -> RetinaFaceModel.MODEL_ID;
            default -> throw new IllegalArgumentException("unknown detector '" + name + "'; known: " + NAMES);
        };
    }
}
