package io.maskwatch.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Merging of overlapping detections. */
public final class Nms {

    private Nms() {
    }

    /** Greedy non-maximum suppression: highest score first, dropping boxes with IoU above {@code iou}. */
    public static List<Face> suppress(List<Face> faces, double iou) {
        List<Face> sorted = new ArrayList<>(faces);
        sorted.sort(Comparator.comparingDouble(Face::score).reversed());
        List<Face> kept = new ArrayList<>();
        for (Face f : sorted) {
            boolean keep = true;
            for (Face k : kept) {
                if (k.box().iou(f.box()) > iou) {
                    keep = false;
                    break;
                }
            }
            if (keep) {
                kept.add(f);
            }
        }
        return kept;
    }

    /**
     * Drops a face whose box lies at least {@code fraction} inside a box at least {@code areaRatio} times larger
     * (an eye or a mouth found as a face at a larger scale). Keeps the input order.
     */
    public static List<Face> dropContained(List<Face> faces, double fraction, double areaRatio) {
        if (fraction >= 1) {
            return faces;
        }
        List<Face> out = new ArrayList<>(faces.size());
        for (Face f : faces) {
            Box b = f.box();
            boolean inside = false;
            for (Face o : faces) {
                Box big = o.box();
                if (o != f && big.area() >= areaRatio * b.area() && b.intersection(big) >= fraction * b.area()) {
                    inside = true;
                    break;
                }
            }
            if (!inside) {
                out.add(f);
            }
        }
        return out;
    }
}
