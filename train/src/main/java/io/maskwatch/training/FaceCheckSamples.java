package io.maskwatch.training;

import io.maskwatch.classify.CropSpec;
import io.maskwatch.classify.FaceCrops;
import io.maskwatch.dataset.AnnotatedImage;
import io.maskwatch.dataset.GroundTruthFace;
import io.maskwatch.detect.Box;
import io.maskwatch.detect.Face;
import io.maskwatch.detect.FaceCheckDecoder;
import io.maskwatch.detect.FaceDetector;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Training crops for the face check ({@link io.maskwatch.detect.FaceCheck}), cut by its crop rule around candidate
 * boxes. Faces teach "face" and the whole face's box; the box to learn is the candidate's own when it already
 * overlaps the face well (IoU at least {@link #GOOD_BOX}), so the check learns to move only boxes that are off,
 * not to copy one set's annotation style. Deterministic for a seed: photos are cut in parallel, collected in order.
 */
public final class FaceCheckSamples {

    /** One crop: a face (with the whole face's box as the network's target) or not a face (no target). */
    public record Sample(BufferedImage crop, boolean face, float[] target) {
    }

    /** A candidate overlapping its face at least this much keeps its own box as the target. */
    public static final double GOOD_BOX = 0.6;
    /** Candidates overlapping a face at least this much are faces; below {@link #NOT_FACE}, not faces; between, unused. */
    static final double FACE = 0.3;
    static final double NOT_FACE = 0.1;
    /** Annotated faces smaller than this (pixels) give no extra crops (too blurred to tell from background). */
    static final double MIN_FACE = 10;

    private FaceCheckSamples() {
    }

    /** What a set of photos gave. */
    public record Cut(List<Sample> samples, Map<String, Integer> counts) {
    }

    /**
     * From annotated photos: the detector's candidates (faces and not faces), three boxes jittered around each
     * annotated face, its upper part (what YuNet reports on many masked faces: eyes to nose), and not-face boxes
     * from the same photo (above and beside the face, where hair, ears and backs of heads are, and anywhere).
     */
    public static Cut fromAnnotated(List<AnnotatedImage> photos, FaceDetector detector, CropSpec spec, long seed,
                                    PrintStream log) {
        return fromAnnotated(photos, detector, spec, seed, true, log);
    }

    /**
     * As {@link #fromAnnotated(List, FaceDetector, CropSpec, long, PrintStream)}; without {@code detectorNegatives}
     * the detector's candidates far from every annotated face are left out: on a set whose background faces nobody
     * boxed (Kaggle's crowds) most of them are real faces.
     */
    public static Cut fromAnnotated(List<AnnotatedImage> photos, FaceDetector detector, CropSpec spec, long seed,
                                    boolean detectorNegatives, PrintStream log) {
        return cutEach(photos.size(), (i, out, n) -> {
            AnnotatedImage p = photos.get(i);
            BufferedImage img = AnnotatedFaces.readOrSkip(p.image(), log);
            if (img == null) return;
            Random r = new Random(seed * 1_000_003L + i);
            List<Box> faces = p.faces().stream().map(GroundTruthFace::box).toList();
            for (Face d : detector.detect(img)) {
                candidate(img, d.box(), faces, spec, out, n, "detector", detectorNegatives);
            }
            for (Box g : faces) {
                if (g.size() < MIN_FACE) continue;
                double w = g.width(), h = g.height();
                for (int k = 0; k < 3; k++) {
                    double sw = w * (0.8 + 0.45 * r.nextDouble()), sh = h * (0.8 + 0.45 * r.nextDouble());
                    double cx = g.centerX() + w * 0.15 * (2 * r.nextDouble() - 1);
                    double cy = g.centerY() + h * 0.15 * (2 * r.nextDouble() - 1);
                    add(out, n, "jittered face", img, new Box(cx - sw / 2, cy - sh / 2, cx + sw / 2, cy + sh / 2), g, spec);
                }
                add(out, n, "upper part of a face", img, upperPart(g, r), g, spec);
                double dy = h * (0.75 + 0.3 * r.nextDouble());
                double dx = w * (0.8 + 0.3 * r.nextDouble()) * (r.nextBoolean() ? 1 : -1);
                double s = Math.max(w, h) * (0.7 + 0.8 * r.nextDouble());
                notFace(out, n, "above a face", img, new Box(g.x1(), g.y1() - dy, g.x2(), g.y2() - dy), faces, 0.15, spec);
                notFace(out, n, "beside a face", img, new Box(g.x1() + dx, g.y1(), g.x2() + dx, g.y2()), faces, 0.15, spec);
                for (int k = 0; k < 2; k++) {
                    double sx = r.nextDouble() * Math.max(1, img.getWidth() - s), sy = r.nextDouble() * Math.max(1, img.getHeight() - s);
                    notFace(out, n, "background", img, new Box(sx, sy, sx + s * 0.8, sy + s), faces, 0.05, spec);
                }
            }
        });
    }

    /**
     * From the output of {@code maskwatch masks generate}: each face masked, unmasked and (when present) with the mask
     * worn wrongly, the detector's candidates on each, and the upper part of the face. The whole face is the
     * detector's box on the unmasked original (the manifest's box), so a half box on the masked twin learns to
     * reach the chin in the detector's own style.
     */
    public static Cut fromArtificial(Path dir, int limit, FaceDetector detector, CropSpec spec, long seed, PrintStream log)
            throws IOException {
        ArtificialMasks.Manifest manifest = ArtificialMasks.Manifest.read(dir);
        Map<String, Integer> col = manifest.columns();
        List<List<String>> rows = new ArrayList<>(manifest.rows());
        // an even spread over people and templates: the manifest is in person order
        java.util.Collections.shuffle(rows, new Random(seed));
        if (limit > 0 && rows.size() > limit) rows = rows.subList(0, limit);
        List<String> files = new ArrayList<>(List.of("file_masked", "file_unmasked"));
        if (col.containsKey("file_incorrect")) files.add("file_incorrect");
        List<List<String>> chosen = rows;
        return cutEach(chosen.size(), (i, out, n) -> {
            List<String> f = chosen.get(i);
            Random r = new Random(seed * 1_000_003L + 7919L * i);
            Box g = manifest.box(f);
            for (String c : files) {
                String name = f.get(col.get(c));
                if (name.isBlank()) continue;
                BufferedImage img = AnnotatedFaces.readOrSkip(dir.resolve(name), log);
                if (img == null) continue;
                for (Face d : detector.detect(img)) {
                    // other candidates may be other people in the photo: only the face of the manifest is used
                    if (d.box().iou(g) >= FACE) add(out, n, "detector on artificial " + c.substring(5), img, d.box(), g, spec);
                }
                add(out, n, "upper part of an artificial face", img, upperPart(g, r), g, spec);
            }
        });
    }

    private static Box upperPart(Box g, Random r) {
        double part = 0.5 + 0.25 * r.nextDouble(), w = g.width() * (0.85 + 0.2 * r.nextDouble());
        return new Box(g.centerX() - w / 2, g.y1() - 0.1 * g.height() * r.nextDouble(), g.centerX() + w / 2,
                g.y1() + part * g.height());
    }

    private static void candidate(BufferedImage img, Box b, List<Box> faces, CropSpec spec, List<Sample> out,
                                  Map<String, Integer> n, String source, boolean negatives) {
        double best = 0;
        Box face = null;
        for (Box g : faces) {
            double u = b.iou(g);
            if (u > best) {
                best = u;
                face = g;
            }
        }
        if (best >= FACE) {
            add(out, n, source + " face", img, b, face, spec);
        } else if (best < NOT_FACE && negatives) {
            out.add(new Sample(FaceCrops.crop(img, b, spec), false, null));
            n.merge(source + " not a face", 1, Integer::sum);
        }
    }

    private static void add(List<Sample> out, Map<String, Integer> n, String kind, BufferedImage img, Box b, Box face,
                            CropSpec spec) {
        Box target = b.iou(face) >= GOOD_BOX ? b : face;
        out.add(new Sample(FaceCrops.crop(img, b, spec), true, FaceCheckDecoder.target(b, spec, target)));
        n.merge(kind, 1, Integer::sum);
    }

    private static void notFace(List<Sample> out, Map<String, Integer> n, String kind, BufferedImage img, Box b,
                                List<Box> faces, double maxIou, CropSpec spec) {
        if (faces.stream().allMatch(q -> q.iou(b) < maxIou)) {
            out.add(new Sample(FaceCrops.crop(img, b, spec), false, null));
            n.merge("not a face: " + kind, 1, Integer::sum);
        }
    }

    /** Cuts item {@code i}'s crops into {@code out}, counting them by kind in {@code n}. */
    private interface ItemCutter {
        void cut(int i, List<Sample> out, Map<String, Integer> n);
    }

    /** Cuts items 0..count-1 in parallel and joins their crops in item order, so a seed gives the same list. */
    private static Cut cutEach(int count, ItemCutter cutter) {
        List<List<Sample>> per = new ArrayList<>(java.util.Collections.nCopies(count, List.<Sample>of()));
        List<Map<String, Integer>> counts = new ArrayList<>(java.util.Collections.nCopies(count, Map.<String, Integer>of()));
        IntStream.range(0, count).parallel().forEach(i -> {
            List<Sample> out = new ArrayList<>();
            Map<String, Integer> n = new HashMap<>();
            cutter.cut(i, out, n);
            per.set(i, out);
            counts.set(i, n);
        });
        Map<String, Integer> total = new java.util.TreeMap<>();
        counts.forEach(m -> m.forEach((k, v) -> total.merge(k, v, Integer::sum)));
        return new Cut(per.stream().flatMap(List::stream).toList(), total);
    }
}
