package io.maskwatch.cli;

import io.maskwatch.model.ModelException;
import io.maskwatch.model.ModelStore;
import io.maskwatch.pipeline.Pipeline;
import io.maskwatch.pipeline.PipelineConfig;

/** How the batch commands get their pipeline (one place, so detect and bench load models the same way). */
final class PipelineOpener {

    private PipelineOpener() {
    }

    static Pipeline open(ModelStore store, String detector, PipelineConfig config, int intraOpThreads) {
        // Pipelines.open(store, detector, config, intraOpThreads) lands with the model engineer's work.
        throw new ModelException("the default pipeline (io.maskwatch.pipeline.Pipelines) is not available in this build yet");
    }
}
