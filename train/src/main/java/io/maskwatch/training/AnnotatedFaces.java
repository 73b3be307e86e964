package io.maskwatch.training;

import io.maskwatch.classify.CropSpec;
import io.maskwatch.classify.FaceCrops;
import io.maskwatch.dataset.AnnotatedImage;
import io.maskwatch.dataset.FaceClass;
import io.maskwatch.dataset.GroundTruthFace;
import io.maskwatch.detect.Box;
import io.maskwatch.detect.FaceDetector;
import io.maskwatch.eval.Matching;
import io.maskwatch.eval.Prediction;
import io.maskwatch.image.ImageLoader;
import io.maskwatch.pipeline.Label;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The faces of annotated photos (read by {@link io.maskwatch.dataset.DatasetReaders}) as training
 * samples (cached patches) or as plain classifier crops for reports. The photo is the split unit.
 */
public final class AnnotatedFaces {

    /** A face of an annotated photo: its sample (cached patch) and its class as annotated. */
    public record Face(FaceSample sample, FaceClass cls, double size) {
    }

    /** A face as the classifier sees it in serving: the crop from the full photo by the crop rule. */
    public record Crop(BufferedImage crop, FaceClass cls, double size, String photo) {
    }

    private AnnotatedFaces() {
    }

    /** Faces of the photos as cached samples, labelled with their three classes. Unreadable photos are skipped and logged. */
    public static List<Face> samples(List<AnnotatedImage> photos, String source, PrintStream log) {
        return samples(photos, source, null, log);
    }

    /**
     * As {@link #samples(List, String, PrintStream)}, plus, with a {@code detector}, a second sample of every face it
     * finds (IoU > 0.5, the evaluation's rule) cut on the detector's box: serving crops from detector boxes, which sit
     * higher on the face than hand-drawn ones (eyes to mouth rather than brow to chin), and a mask on the chin sits
     * exactly where the two differ.
     */
    public static List<Face> samples(List<AnnotatedImage> photos, String source, FaceDetector detector, PrintStream log) {
        List<List<Face>> per = new ArrayList<>();
        for (int i = 0; i < photos.size(); i++) per.add(List.of());
        IntStream.range(0, photos.size()).parallel().forEach(i -> {
            AnnotatedImage p = photos.get(i);
            BufferedImage img = readOrSkip(p.image(), log);
            if (img == null) return;
            List<Face> faces = new ArrayList<>();
            int k = 0;
            for (GroundTruthFace f : p.faces()) {
                Box b = f.box().clip(img.getWidth(), img.getHeight());
                if (b.width() < 2 || b.height() < 2) continue;
                faces.add(new Face(FaceSample.of(img, b, Label.parse(f.cls().key()), source, source + "/" + p.name(),
                        p.name() + "#" + k++), f.cls(), f.size()));
            }
            if (detector != null && !p.faces().isEmpty()) {
                List<Prediction> found = detector.detect(img).stream()
                        .map(d -> new Prediction(d.box(), d.score(), 0, Label.UNMASKED)).toList();
                List<Matching.Match> matches = Matching.matchFaces(p.faces(), found);
                for (int j = 0; j < p.faces().size(); j++) {
                    GroundTruthFace f = p.faces().get(j);
                    int d = matches.get(j).detection();
                    if (d < 0) continue;
                    Box b = found.get(d).box().clip(img.getWidth(), img.getHeight());
                    if (b.width() < 2 || b.height() < 2) continue;
                    faces.add(new Face(FaceSample.of(img, b, Label.parse(f.cls().key()), source, source + "/" + p.name(),
                            p.name() + "#" + j + "@detector"), f.cls(), f.size()));
                }
            }
            per.set(i, faces);
        });
        return per.stream().flatMap(List::stream).toList();
    }

    /** Crops of every face by the crop rule on the full photo, exactly as serving makes them. */
    public static List<Crop> crops(List<AnnotatedImage> photos, CropSpec spec, PrintStream log) {
        List<List<Crop>> per = new ArrayList<>();
        for (int i = 0; i < photos.size(); i++) per.add(List.of());
        IntStream.range(0, photos.size()).parallel().forEach(i -> {
            AnnotatedImage p = photos.get(i);
            BufferedImage img = readOrSkip(p.image(), log);
            if (img == null) return;
            List<Crop> c = new ArrayList<>();
            for (GroundTruthFace f : p.faces()) {
                c.add(new Crop(FaceCrops.crop(img, f.box(), spec), f.cls(), f.size(), p.name()));
            }
            per.set(i, c);
        });
        return per.stream().flatMap(List::stream).toList();
    }

    /** The photo, or null after logging why it was skipped: one unreadable photo does not stop a run. */
    static BufferedImage readOrSkip(java.nio.file.Path file, PrintStream log) {
        try {
            return ImageLoader.read(file);
        } catch (Exception e) {
            if (log != null) log.println("skipped " + file + ": " + e.getMessage());
            return null;
        }
    }
}
