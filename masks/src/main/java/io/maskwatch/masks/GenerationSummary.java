package io.maskwatch.masks;

import java.util.Map;

/**
 * What a run did: photos seen, faces generated, skipped photos by reason, rejected template files by
 * reason, generated faces by method, and the time taken.
 */
public record GenerationSummary(int photos, int generated, Map<String, Integer> skipped,
                                Map<String, Integer> templatesRejected, Map<String, Integer> methods,
                                long seed, int threads, double seconds) {

    public GenerationSummary {
        skipped = Map.copyOf(skipped);
        templatesRejected = Map.copyOf(templatesRejected);
        methods = Map.copyOf(methods);
    }

    public int skippedTotal() {
        return skipped.values().stream().mapToInt(Integer::intValue).sum();
    }

    public double photosPerSecond() {
        return seconds > 0 ? photos / seconds : 0;
    }

    /** True when some input (a photo or a template file) could not be used. */
    public boolean anyFailed() {
        return skippedTotal() > 0 || !templatesRejected.isEmpty();
    }
}
