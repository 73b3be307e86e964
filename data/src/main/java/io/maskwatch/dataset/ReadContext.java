package io.maskwatch.dataset;

import io.maskwatch.detect.Box;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What readers share while reading one set: warnings, unknown labels, and the box checks. */
final class ReadContext {

    /** Boxes may pass the image edge by this much without a warning (VOC's 1-based pixel convention). */
    static final double EDGE_TOLERANCE = 1.0;

    private final Path dir;
    private final DatasetOptions options;
    private final List<DatasetWarning> warnings = new ArrayList<>();
    private final Map<String, int[]> unknownCounts = new LinkedHashMap<>();
    private final Map<String, String> unknownFirstSeen = new LinkedHashMap<>();

    ReadContext(Path dir, DatasetOptions options) {
        this.dir = dir;
        this.options = options;
    }

    void warn(Path file, int line, String message) {
        warnings.add(new DatasetWarning(file, line, message));
    }

    /**
     * A ground-truth face from raw corner coordinates, or empty (with a warning) when the box is
     * empty or lies outside the image; boxes crossing the edge are clipped to it.
     */
    Optional<GroundTruthFace> face(String rawLabel, double x1, double y1, double x2, double y2,
                                   int width, int height, Path file, int line) {
        Optional<FaceClass> cls = options.labels().classOf(rawLabel);
        if (cls.isEmpty()) {
            String key = rawLabel.strip();
            unknownCounts.computeIfAbsent(key, k -> new int[1])[0]++;
            unknownFirstSeen.putIfAbsent(key, line > 0 ? file + ":" + line : file.toString());
            return Optional.empty();
        }
        String coords = fmt(x1) + "," + fmt(y1) + " - " + fmt(x2) + "," + fmt(y2);
        if (!(Double.isFinite(x1) && Double.isFinite(y1) && Double.isFinite(x2) && Double.isFinite(y2))) {
            warn(file, line, "box " + coords + " has a non-finite coordinate; face skipped");
            return Optional.empty();
        }
        if (!(x2 > x1 && y2 > y1)) {
            warn(file, line, "empty box " + coords + "; face skipped");
            return Optional.empty();
        }
        Box box = new Box(x1, y1, x2, y2);
        if (x1 < -EDGE_TOLERANCE || y1 < -EDGE_TOLERANCE || x2 > width + EDGE_TOLERANCE || y2 > height + EDGE_TOLERANCE) {
            Box clipped = box.clip(width, height);
            if (clipped.width() <= 0 || clipped.height() <= 0) {
                warn(file, line, "box " + coords + " lies outside the " + width + "x" + height + " image; face skipped");
                return Optional.empty();
            }
            warn(file, line, "box " + coords + " extends outside the " + width + "x" + height + " image; clipped");
            box = clipped;
        } else {
            box = box.clip(width, height);
        }
        return Optional.of(new GroundTruthFace(box, rawLabel.strip(), cls.get()));
    }

    /** The set, or an error for unknown labels (always) and for warnings (strict mode). */
    Dataset finish(DatasetFormat format, List<AnnotatedImage> images) {
        if (!unknownCounts.isEmpty()) {
            StringBuilder sb = new StringBuilder(dir + ": unknown label(s): ");
            boolean first = true;
            for (var e : unknownCounts.entrySet()) {
                sb.append(first ? "" : ", ").append('\'').append(e.getKey()).append("' (")
                        .append(e.getValue()[0]).append("x, first at ").append(unknownFirstSeen.get(e.getKey())).append(')');
                first = false;
            }
            sb.append(". Map them in a labels file (label = masked|unmasked|incorrect) and pass it with --labels FILE.");
            throw new DatasetException(sb.toString());
        }
        if (options.strict() && !warnings.isEmpty()) {
            StringBuilder sb = new StringBuilder(dir + ": " + warnings.size() + " problem(s) in strict mode:");
            warnings.stream().limit(20).forEach(w -> sb.append("\n  ").append(w));
            if (warnings.size() > 20) {
                sb.append("\n  ... and ").append(warnings.size() - 20).append(" more");
            }
            throw new DatasetException(sb.toString());
        }
        List<AnnotatedImage> sorted = new ArrayList<>(images);
        sorted.sort((a, b) -> NaturalOrder.compare(a.name(), b.name()));
        return new Dataset(dir, format, options.labels(), sorted, warnings);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }
}
