package io.maskwatch.eval;

import java.util.List;
import java.util.Map;

/**
 * A finished evaluation: what was run on what, the metrics for all faces and for faces of at
 * least {@code minFace} pixels, one row per face and per detection, and the problems met.
 * Written out by {@link ReportWriter}.
 */
public record Evaluation(String dataset, int images, int faces, double threshold, double minFace,
                         SubsetMetrics all, SubsetMetrics minFaceSubset, List<FaceRow> faceRows,
                         List<DetectionRow> detectionRows, List<String> errors, List<String> warnings,
                         Map<String, String> provenance) {

    public Evaluation {
        faceRows = List.copyOf(faceRows);
        detectionRows = List.copyOf(detectionRows);
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        provenance = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(provenance));
    }

    public List<DetectionRow> spurious() {
        return detectionRows.stream().filter(DetectionRow::spurious).toList();
    }
}
