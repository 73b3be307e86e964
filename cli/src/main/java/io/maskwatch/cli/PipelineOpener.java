package io.maskwatch.cli;

import io.maskwatch.classify.OnnxMaskClassifier;
import io.maskwatch.detect.DetectorConfig;
import io.maskwatch.detect.Detectors;
import io.maskwatch.detect.FaceDetector;
import io.maskwatch.model.ModelStore;
import io.maskwatch.pipeline.Pipeline;
import io.maskwatch.pipeline.PipelineConfig;

/** How the batch commands get their pipeline (one place, so detect and bench load models the same way). */
final class PipelineOpener {

    private PipelineOpener() {
    }

    static Pipeline open(ModelStore store, String detector, PipelineConfig config, int intraOpThreads) {
        // Same as Pipelines.open (model engineer); switch to it once it is committed.
        FaceDetector d = Detectors.create(detector, DetectorConfig.DEFAULT, store::resolve, intraOpThreads);
        try {
            return new Pipeline(d, new OnnxMaskClassifier(store.resolve("mask-classifier"), intraOpThreads), config);
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
    }
}
