package io.maskwatch.detect;

import io.maskwatch.dataset.GroundTruthFace;
import io.maskwatch.eval.Matching;
import io.maskwatch.eval.Prediction;
import io.maskwatch.image.ImageLoader;
import io.maskwatch.pipeline.Label;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Detector recall bench: for each configuration and annotated set, recall (a ground-truth face counts as found
 * when a detection overlaps it with IoU > 0.5), spurious detections (overlapping no ground-truth face by
 * IoU > 0.5) and detection time per photo on one thread (intraOpThreads = 1, decoding excluded; CPU time of the
 * thread, which a shared machine's load hardly changes, and wall time), overall and
 * for faces whose shorter side is at least 20 px. Not a test; run with
 * <pre>
 * mvn -q -o -pl eval -am test-compile
 * nice java -cp eval/target/test-classes:eval/target/classes:$(cat eval/target/cp.txt) \
 *     io.maskwatch.detect.DetectorRecallBench [config-name ...]
 * </pre>
 * (see docs/detection.md for the class path). The full evaluation is {@code maskwatch evaluate}.
 */
public final class DetectorRecallBench {

    /** Detection runs on the calling thread (intraOpThreads = 1), so its CPU time is the cost, whatever the load. */
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    record Setup(String name, String detector, DetectorConfig config, FaceCheckConfig check) {
        Setup(String name, String detector, DetectorConfig config) {
            this(name, detector, config, FaceCheckConfig.OFF);
        }
    }

    static final Map<String, Setup> SETUPS = new LinkedHashMap<>();

    static {
        // all at confidence 0.5; the table also gives each at 0.6 and 0.7 (the same results, filtered by score)
        // (without the cross-pass confirmation unless the name says so)
        DetectorConfig d = DetectorConfig.DEFAULT.withConfidence(0.5).withConfirmation(0, 1);
        DetectorConfig single = d.withLongSides(List.of(640)).withDetailScale(0);
        add(new Setup("retina-640", "retinaface", single));
        add(new Setup("retina-640+1280", "retinaface", d.withLongSides(List.of(640, 1280))));
        add(new Setup("yunet-640", "yunet", single));
        add(new Setup("yunet-640+1280-c4", "yunet",
                d.withLongSides(List.of(640, 1280)).withDetailScale(0).withContainment(0.8, 4)));
        add(new Setup("yunet-640+1280", "yunet", d.withLongSides(List.of(640, 1280))));
        add(new Setup("DEFAULT", Detectors.DEFAULT, DetectorConfig.DEFAULT, Detectors.defaultCheck(Detectors.DEFAULT)));
        add(new Setup("DEFAULT-nocheck", Detectors.DEFAULT, DetectorConfig.DEFAULT));
        // the first pass never enlarging (a 500 px photo searched as it is), detail trigger in its pixels
        for (double trigger : new double[] {48, 38, 32}) {
            add(new Setup("first1-t" + (int) trigger, Detectors.DEFAULT,
                    DetectorConfig.DEFAULT.withFirstUpscale(1.0).withDetailTrigger(trigger)));
        }
        add(new Setup("first1.28-t48", Detectors.DEFAULT, DetectorConfig.DEFAULT.withFirstUpscale(1.28)));
        add(new Setup("detail896", Detectors.DEFAULT, DetectorConfig.DEFAULT.withLongSides(List.of(640, 896))));
        add(new Setup("detail896-t40", Detectors.DEFAULT, DetectorConfig.DEFAULT.withLongSides(List.of(640, 896)).withDetailTrigger(40)));
        add(new Setup("yunet-handover32", "yunet", d.withLongSides(List.of(640, 1280)).withHandoverSize(32)));
        add(new Setup("yunet-640+1024", "yunet", d.withLongSides(List.of(640, 1024))));
        // the default before the cross-pass confirmation, and the confirmation's settings around the default
        DetectorConfig noConfirm = DetectorConfig.DEFAULT.withConfirmation(0, 1);
        add(new Setup("DEFAULT-noconfirm", "yunet", noConfirm));
        for (double low : new double[] {0.3, 0.35, 0.4, 0.5}) {
            for (double high : new double[] {0.8, 1.0}) {
                add(new Setup("confirm-" + low + "-" + high, "yunet", noConfirm.withConfirmation(low, high)));
            }
        }
    }

    private static void add(Setup s) {
        SETUPS.put(s.name(), s);
    }

    record Counts(int gt, int found, int spurious, int gt20, int found20, int spurious20) {
    }

    /** Scores at which results are also reported: the configured confidence and -Dthresholds above it. */
    private static double[] thresholds(double confidence) {
        return java.util.stream.DoubleStream.concat(java.util.stream.DoubleStream.of(confidence),
                java.util.Arrays.stream(System.getProperty("thresholds", "0.6,0.7").split(","))
                        .mapToDouble(Double::parseDouble).filter(t -> t > confidence)).toArray();
    }

    /**
     * Adds gt, found, spurious, gt>=20, found>=20, spurious>=20 (face size, pixels) to {@code c}, matched by the
     * evaluation's own rule ({@link Matching}), so the bench and {@code maskwatch evaluate} count the same faces.
     */
    private static void count(List<GroundTruthFace> truth, List<Face> faces, int[] c) {
        List<Prediction> predictions = faces.stream()
                .map(f -> new Prediction(f.box(), f.score(), 0, Label.UNMASKED)).toList();
        List<Matching.Match> matches = Matching.matchFaces(truth, predictions);
        for (int i = 0; i < truth.size(); i++) {
            boolean hit = matches.get(i).detection() >= 0;
            boolean big = truth.get(i).size() >= 20;
            c[0]++;
            c[1] += hit ? 1 : 0;
            if (big) {
                c[3]++;
                c[4] += hit ? 1 : 0;
            }
        }
        double[] matched = Matching.largestMatchedFace(truth, predictions);
        for (int d = 0; d < faces.size(); d++) {
            if (Double.isNaN(matched[d])) {
                c[2]++;
                if (faces.get(d).box().size() >= 20) {
                    c[5]++;
                }
            }
        }
    }

    /** One row per ground-truth face (kind=gt: best matching score) and per detection (kind=det: best IoU). */
    private static void dump(java.io.PrintWriter out, AnnotatedPhotos.Photo photo, List<Face> faces) {
        String img = photo.image().getFileName().toString();
        for (Box t : photo.faces()) {
            double best = faces.stream().filter(f -> f.box().iou(t) > Matching.IOU_THRESHOLD).mapToDouble(Face::score).max().orElse(0);
            out.printf("gt,%s,%.1f,%.1f,%.1f,%.1f,%.4f%n", img, t.x1(), t.y1(), t.x2(), t.y2(), best);
        }
        for (Face f : faces) {
            Box b = f.box();
            double iou = photo.faces().stream().mapToDouble(t -> t.iou(b)).max().orElse(0);
            out.printf("det,%s,%.1f,%.1f,%.1f,%.1f,%.4f,%.3f%n", img, b.x1(), b.y1(), b.x2(), b.y2(), f.score(), iou);
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> names = args.length == 0 ? new ArrayList<>(SETUPS.keySet()) : List.of(args);
        String[] sets = System.getProperty("sets", "reference-photos-validation,kaggle-face-mask-voc").split(",");
        System.out.printf("cores: %d, intraOpThreads: 1, one image at a time%n",
                Runtime.getRuntime().availableProcessors());
        System.out.printf("%-20s %5s %-28s %6s %8s %8s %9s %9s %8s %8s%n", "setup", "score", "dataset", "photos", "recall",
                "rec>=20", "spurious", "spur>=20", "cpu ms", "wall ms");
        for (String set : sets) {
            List<AnnotatedPhotos.Photo> photos = AnnotatedPhotos.read(SharedData.dataset(set));
            List<BufferedImage> images = new ArrayList<>();
            for (AnnotatedPhotos.Photo p : photos) {
                images.add(ImageLoader.read(p.image()));
            }
            for (String n : names) {
                Setup s = SETUPS.get(n);
                if (s == null) {
                    throw new IllegalArgumentException("unknown setup " + n + "; known: " + SETUPS.keySet());
                }
                try (FaceDetector det = Detectors.create(s.detector(), s.config(), s.check(), SharedData::model, 1)) {
                    det.detect(images.get(0)); // warm-up
                    double[] ts = thresholds(s.config().confidence());
                    int[][] c = new int[ts.length][6];
                    long nanos = 0;
                    long cpuNanos = 0;
                    String dumpDir = System.getProperty("dump");
                    java.io.PrintWriter dump = dumpDir == null ? null : new java.io.PrintWriter(
                            java.nio.file.Files.newBufferedWriter(Path.of(dumpDir, n + "_" + set + ".csv")));
                    for (int i = 0; i < photos.size(); i++) {
                        long t0 = System.nanoTime();
                        long c0 = CPU.getCurrentThreadCpuTime();
                        List<Face> faces = det.detect(images.get(i));
                        cpuNanos += CPU.getCurrentThreadCpuTime() - c0;
                        nanos += System.nanoTime() - t0;
                        List<GroundTruthFace> truth = photos.get(i).truth();
                        if (dump != null) {
                            dump(dump, photos.get(i), faces);
                        }
                        for (int k = 0; k < ts.length; k++) {
                            double t = ts[k];
                            count(truth, faces.stream().filter(f -> f.score() >= t).toList(), c[k]);
                        }
                    }
                    if (dump != null) {
                        dump.close();
                    }
                    for (int k = 0; k < ts.length; k++) {
                        System.out.printf("%-20s %5.2f %-28s %6d %7.1f%% %7.1f%% %9d %9d %8.1f %8.1f%n", n, ts[k], set,
                                photos.size(), 100.0 * c[k][1] / c[k][0], 100.0 * c[k][4] / c[k][3], c[k][2],
                                c[k][5], cpuNanos / 1e6 / photos.size(), nanos / 1e6 / photos.size());
                    }
                    System.out.flush();
                }
            }
        }
    }
}
