package io.maskwatch.eval;

import io.maskwatch.files.AtomicFiles;
import io.maskwatch.dataset.AnnotatedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a report folder: report.json, report.html (self-contained), roc_pipeline.png,
 * roc_classifier.png and faces.csv. Each file is written to a temporary name and moved into place,
 * so an interrupted run never leaves a half-written report file.
 */
public final class ReportWriter {

    public static final String JSON = "report.json";
    public static final String HTML = "report.html";
    public static final String ROC_PIPELINE = "roc_pipeline.png";
    public static final String ROC_CLASSIFIER = "roc_classifier.png";
    public static final String CSV = "faces.csv";
    public static final int GALLERY_PER_SECTION = 24;

    private ReportWriter() {
    }

    /** Writes the report; {@code images} lets the gallery crop the photos. Returns the files written. */
    public static List<Path> write(Evaluation e, List<AnnotatedImage> images, Path dir) throws IOException {
        Files.createDirectories(dir);
        String min = ReportJson.number(e.minFace());
        byte[] rocPipeline = RocCharts.png("Pipeline ROC (missed faces scored as masked)", e.threshold(),
                new RocCharts.Curve("all faces", e.all().pipeline().roc()),
                new RocCharts.Curve("faces >= " + min + " px", e.minFaceSubset().pipeline().roc()));
        byte[] rocClassifier = RocCharts.png("Classifier ROC on the annotated face boxes", e.threshold(),
                new RocCharts.Curve("all faces", e.all().classifier().roc()),
                new RocCharts.Curve("faces >= " + min + " px", e.minFaceSubset().classifier().roc()));
        Map<String, AnnotatedImage> byName = new HashMap<>();
        images.forEach(i -> byName.put(i.name(), i));
        var gallery = Gallery.build(e, byName, GALLERY_PER_SECTION);
        Path json = put(dir, JSON, ReportJson.toJson(e).getBytes(StandardCharsets.UTF_8));
        Path csv = put(dir, CSV, FacesCsv.toCsv(e).getBytes(StandardCharsets.UTF_8));
        Path p1 = put(dir, ROC_PIPELINE, rocPipeline);
        Path p2 = put(dir, ROC_CLASSIFIER, rocClassifier);
        Path html = put(dir, HTML, ReportHtml.render(e, rocPipeline, rocClassifier, gallery).getBytes(StandardCharsets.UTF_8));
        return List.of(json, html, p1, p2, csv);
    }

    private static Path put(Path dir, String name, byte[] bytes) throws IOException {
        return AtomicFiles.write(dir.resolve(name), bytes);
    }
}
