package io.maskwatch.pipeline;

import io.maskwatch.classify.OnnxMaskClassifier;
import io.maskwatch.detect.DetectorConfig;
import io.maskwatch.detect.Detectors;
import io.maskwatch.detect.FaceCheckConfig;
import io.maskwatch.detect.FaceDetector;
import io.maskwatch.detect.MaskedBoxConfig;
import io.maskwatch.detect.MaskedFaceBoxes;
import io.maskwatch.model.ModelStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Builds the ready-to-run {@link Pipeline} every front end uses, with its models from a {@link ModelStore}. */
public final class Pipelines {

    /** The model id of the mask classifier in the manifest. */
    public static final String CLASSIFIER_MODEL_ID = "mask-classifier";

    private Pipelines() {
    }

    /**
     * Opens detector {@code detectorName} (with {@link DetectorConfig#DEFAULT}) and the project's mask
     * classifier, resolving (and if needed fetching) their model files through {@code store}.
     *
     * @param intraOpThreads ONNX Runtime threads per run: 1 when images run in parallel, 0 = all cores for one image
     * @throws io.maskwatch.model.ModelException when a model is missing, damaged or not what the code expects
     * @throws IllegalArgumentException for an unknown detector name
     */
    public static Pipeline open(ModelStore store, String detectorName, PipelineConfig config, int intraOpThreads) {
        return open(store, detectorName, DetectorConfig.DEFAULT, config, intraOpThreads);
    }

    /** As {@link #open(ModelStore, String, PipelineConfig, int)} with other detector settings (e.g. video's passes). */
    public static Pipeline open(ModelStore store, String detectorName, DetectorConfig detectorConfig,
                                PipelineConfig config, int intraOpThreads) {
        return open(store, detectorName, detectorConfig, Detectors.defaultCheck(detectorName), config, intraOpThreads);
    }

    /**
     * As {@link #open(ModelStore, String, DetectorConfig, PipelineConfig, int)} with the detector's face check chosen
     * ({@link FaceCheckConfig#OFF}: the detector alone; by default {@link Detectors#defaultCheck}).
     */
    public static Pipeline open(ModelStore store, String detectorName, DetectorConfig detectorConfig, FaceCheckConfig check,
                                PipelineConfig config, int intraOpThreads) {
        // The sessions are built at once (ONNX Runtime's graph optimisation is most of a start-up's model time).
        CompletableFuture<OnnxMaskClassifier> classifier = CompletableFuture.supplyAsync(
                () -> new OnnxMaskClassifier(store.resolve(CLASSIFIER_MODEL_ID), intraOpThreads));
        CompletableFuture<MaskedFaceBoxes> maskedBoxes = CompletableFuture.supplyAsync(
                () -> Detectors.maskedFaceBoxes(maskedBoxes(detectorName, config), store::resolve, intraOpThreads));
        FaceDetector detector;
        try {
            detector = Detectors.create(detectorName, detectorConfig, check, store::resolve, intraOpThreads);
        } catch (RuntimeException e) {
            closeWhenOpened(classifier, maskedBoxes);
            throw e;
        }
        try {
            return new Pipeline(detector, join(classifier), join(maskedBoxes), config);
        } catch (RuntimeException e) {
            detector.close();
            closeWhenOpened(classifier, maskedBoxes);
            throw e;
        }
    }

    /** Closes the models opened beside a detector that failed, each when (and if) it opens. */
    private static void closeWhenOpened(CompletableFuture<OnnxMaskClassifier> classifier,
                                        CompletableFuture<MaskedFaceBoxes> maskedBoxes) {
        classifier.thenAccept(OnnxMaskClassifier::close);
        maskedBoxes.thenAccept(m -> { if (m != null) m.close(); });
    }

    /** The masked-face boxes the pipeline opens: none when it would not use them. */
    static MaskedBoxConfig maskedBoxes(String detectorName, PipelineConfig config) {
        return config.maskedBoxWeight() > 0 ? Detectors.defaultMaskedBoxes(detectorName) : MaskedBoxConfig.OFF;
    }

    /** A model opened beside the detector, or the exception that opening it threw. */
    private static <T> T join(CompletableFuture<T> model) {
        try {
            return model.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Every model id the pipeline of {@link #open(ModelStore, String, PipelineConfig, int)} opens (e.g. to ship them). */
    public static List<String> modelIds(String detectorName) {
        List<String> ids = new ArrayList<>(Detectors.modelIds(detectorName, Detectors.defaultCheck(detectorName),
                maskedBoxes(detectorName, PipelineConfig.DEFAULT)));
        ids.add(CLASSIFIER_MODEL_ID);
        return List.copyOf(ids);
    }

    /** The default pipeline: {@link Detectors#DEFAULT}, the classifier's own threshold, all face sizes. */
    public static Pipeline openDefault(ModelStore store, int intraOpThreads) {
        return open(store, Detectors.DEFAULT, PipelineConfig.DEFAULT, intraOpThreads);
    }
}
