package io.maskwatch.training;

import io.maskwatch.classify.ClassifierContract;
import io.maskwatch.classify.OnnxMaskClassifier;
import io.maskwatch.pipeline.Label;
import io.maskwatch.dataset.AnnotatedImage;
import io.maskwatch.dataset.Dataset;
import io.maskwatch.dataset.DatasetOptions;
import io.maskwatch.dataset.DatasetReaders;
import io.maskwatch.dataset.FaceClass;
import io.maskwatch.dataset.ImageList;
import io.maskwatch.export.OnnxExporter;
import io.maskwatch.detect.DetectorConfig;
import io.maskwatch.detect.Detectors;
import io.maskwatch.detect.FaceDetector;
import io.maskwatch.model.ModelStore;
import io.maskwatch.model.ModelStoreConfig;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One end-to-end training run: load and split the data sources, train, pick the best epoch and the
 * threshold on held-out real faces, export ONNX, and report (the reference photos are scored only
 * after everything is chosen, for the model card).
 */
public final class TrainingRun {

    /** Seed of the data split. Fixed (not the training seed) so held-out sets stay the same across seeds. */
    public static final long SPLIT_SEED = 20260;
    /** Share of real-crop near-duplicate groups held out for checkpoint and threshold choice. */
    public static final double REAL_HOLDOUT = 0.2;
    /** Share of Kaggle photos held out of training (for selection and reporting). */
    public static final double KAGGLE_HOLDOUT = 0.35;

    /**
     * @param realRoots   folders with with_mask/ and without_mask/ crops
     * @param kaggle      a VOC/makesense set split by photo (null: not used)
     * @param artificial  output folder of {@code maskwatch masks generate} (null: not used)
     * @param reference   annotated set scored for the model card only, never for choices (null: skip)
     * @param limitPerClass &gt; 0: at most this many files per class and source (quick runs)
     * @param out         the ONNX file to write
     * @param resume      checkpoint to resume from (null: from scratch)
     * @param models      where the face detector is looked up (read only: a run never downloads)
     */
    public record Options(List<Path> realRoots, Path kaggle, Path artificial, Path reference, int limitPerClass,
                          Path out, Path resume, TrainConfig config, ModelStoreConfig models) {
        public Options {
            realRoots = List.copyOf(realRoots);
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(models, "models");
            if (limitPerClass < 0) throw new IllegalArgumentException("limit must be >= 0: " + limitPerClass);
        }
    }

    /** What a run produced. */
    public record Outcome(MaskTrainer.Result result, Map<String, Integer> trainCounts, Map<String, Integer> heldOutCounts,
                         List<FaceReport> reports, Path model, Path card, Path kaggleHoldoutList) {
    }

    private TrainingRun() {
    }

    public static Outcome run(Options o, PrintStream log) throws IOException {
        long t0 = System.nanoTime();
        // the code that trains: taken now, not at export, so commits made during a long run do not count
        String gitCommit = GitCommit.describe(Path.of(""));
        TrainConfig cfg = o.config();
        List<FaceSample> train = new ArrayList<>();
        List<FaceSample> heldOut = new ArrayList<>();
        List<String> dataNotes = new ArrayList<>();

        if (!o.realRoots().isEmpty()) {
            RealCrops.Loaded real = RealCrops.load(o.realRoots(), o.limitPerClass(), log);
            int before = heldOut.size();
            for (FaceSample s : real.samples()) {
                (Splits.heldOut(SPLIT_SEED, s.group(), REAL_HOLDOUT) ? heldOut : train).add(s);
            }
            log.printf(Locale.ROOT, "real crops: %d faces in %d near-duplicate groups (%d held out), %d unreadable%n",
                    real.samples().size(), real.groups(), heldOut.size() - before, real.skipped().size());
            dataNotes.add(String.format(Locale.ROOT, "real crops %s: %d faces, %d near-duplicate groups", o.realRoots().stream()
                    .map(p -> p.getFileName().toString()).toList(), real.samples().size(), real.groups()));
        }
        Path holdoutList = null;
        List<AnnotatedImage> kaggleHeld = List.of();
        if (o.kaggle() != null) {
            Dataset ds = DatasetReaders.read(o.kaggle(), DatasetOptions.DEFAULT);
            ds.warnings().forEach(w -> log.println("warning: " + w));
            List<AnnotatedImage> kTrain = new ArrayList<>();
            List<AnnotatedImage> kHeld = new ArrayList<>();
            for (AnnotatedImage p : ds.images()) {
                (kaggleHeldOut(p) ? kHeld : kTrain).add(p);
            }
            if (o.limitPerClass() > 0) {
                int photos = Math.max(2, o.limitPerClass() / 4);
                kTrain = kTrain.subList(0, Math.min(kTrain.size(), photos));
                kHeld = kHeld.subList(0, Math.min(kHeld.size(), photos));
            }
            kaggleHeld = kHeld;
            String src = o.kaggle().getFileName().toString();
            List<AnnotatedFaces.Face> tr;
            // training faces twice: on the hand-drawn box and on the detector's box, which serving crops from
            try (FaceDetector detector = Detectors.create(Detectors.DEFAULT, DetectorConfig.DEFAULT,
                    new ModelStore(o.models().withOffline(true))::resolve, 1)) {
                tr = AnnotatedFaces.samples(kTrain, "kaggle", detector, log);
            }
            List<AnnotatedFaces.Face> ho = AnnotatedFaces.samples(kHeld, "kaggle", log);
            tr.forEach(f -> train.add(f.sample()));
            ho.forEach(f -> heldOut.add(f.sample()));
            holdoutList = holdoutListPath(o.out());
            new ImageList(src, kHeld.stream().map(AnnotatedImage::name).toList()).write(holdoutList, String.format(
                    Locale.ROOT, "photos of %s held out of classifier training (split seed %d, %.0f%% of photos by a hash of the name)%n"
                            + "use: maskwatch evaluate --dataset %s --images-from %s", src, SPLIT_SEED, 100 * KAGGLE_HOLDOUT,
                    o.kaggle(), holdoutList));
            long onDetectorBoxes = tr.stream().filter(f -> f.sample().name().endsWith("@detector")).count();
            log.printf(Locale.ROOT, "kaggle: %d photos (%d held out, list in %s), %d training faces (%d of them again on the detector's box), %d held-out faces%n",
                    ds.images().size(), kHeld.size(), holdoutList, tr.size() - onDetectorBoxes, onDetectorBoxes, ho.size());
            dataNotes.add(String.format(Locale.ROOT, "%s: %d photos, %d train / %d held out; %d train faces (+%d on the detector's box), %d held-out faces",
                    src, ds.images().size(), kTrain.size(), kHeld.size(), tr.size() - onDetectorBoxes, onDetectorBoxes, ho.size()));
        }
        if (o.artificial() != null) {
            ArtificialMasks.Loaded art = ArtificialMasks.load(o.artificial(), o.limitPerClass(), log);
            // artificial faces only train: choices are made on real faces
            train.addAll(art.samples());
            log.printf(Locale.ROOT, "artificial: %d faces of %d people%n", art.samples().size(), art.people());
            dataNotes.add(String.format(Locale.ROOT, "artificial (%s, manifest sha256 %s): %d faces (%d masked, %d incorrect) of %d people",
                    o.artificial().getFileName(), sha256(o.artificial().resolve(ArtificialMasks.MANIFEST)),
                    art.samples().size(), art.samples().stream().filter(FaceSample::masked).count(),
                    art.samples().stream().filter(s -> s.label() == Label.INCORRECT).count(), art.people()));
        }
        Map<String, Integer> trainCounts = counts(train);
        Map<String, Integer> heldCounts = counts(heldOut);
        log.println("training faces " + trainCounts + "; held-out real faces " + heldCounts);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        log.printf(Locale.ROOT, "data ready in %.0f s%n", loadSeconds);

        MaskTrainer.Result result;
        List<FaceReport> reports = new ArrayList<>();
        double inferenceMs = Double.NaN;
        Instant trainedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ClassifierContract contract;
        try (MaskTrainer trainer = new MaskTrainer(cfg)) {
            result = trainer.train(train, heldOut, o.resume(), log);
            contract = ClassifierContract.threeClass(cfg.spec(), result.threshold(), new ClassifierContract.Provenance(
                    cfg.seed(), cfg.epochs(), result.bestEpoch(), SPLIT_SEED, String.join("; ", dataNotes),
                    gitCommit, trainedAt.toString()));
            OnnxExporter.export(trainer.block(), contract, o.out());
            log.printf(Locale.ROOT, "wrote %s (%d bytes), best epoch %d, threshold %.4f%n", o.out(), Files.size(o.out()),
                    result.bestEpoch(), result.threshold());
        }
        // Reports use the exported file through the classifier that serving uses.
        try (OnnxMaskClassifier scorer = new OnnxMaskClassifier(o.out(), cfg.threads())) {
            if (!heldOut.isEmpty()) {
                List<FaceSample> realHeld = heldOut.stream().filter(s -> !s.source().equals("kaggle")).toList();
                if (!realHeld.isEmpty()) {
                    Augmenter plain = new Augmenter(cfg.spec(), cfg.augment());
                    List<BufferedImage> crops = realHeld.stream().map(plain::plain).toList();
                    reports.add(FaceReport.of("held-out real crops", scorer.classifyCrops(crops),
                            realHeld.stream().map(s -> FaceClass.parse(s.label().json())).toList(),
                            realHeld.stream().map(FaceSample::originalSize).toList(), result.threshold()));
                }
            }
            if (!kaggleHeld.isEmpty()) {
                reports.add(report("Kaggle held-out photos", kaggleHeld, scorer, cfg, result.threshold(), log));
            }
            if (o.reference() != null) {
                List<AnnotatedImage> ref = DatasetReaders.read(o.reference(), DatasetOptions.DEFAULT).images();
                reports.add(report("reference-photos-validation (report only)", ref, scorer, cfg, result.threshold(), log));
            }
        }
        if (!heldOut.isEmpty()) {
            inferenceMs = inferenceMsPerFace(o.out(), heldOut, cfg);
            log.printf(Locale.ROOT, "inference: %.3f ms per face (ONNX Runtime, 1 thread, batches of 8)%n", inferenceMs);
        }
        for (FaceReport r : reports) log.println(r.markdown());
        Path card = cardPath(o.out());
        ModelCard.write(card, o, contract, result, trainCounts, heldCounts, reports, holdoutList,
                inferenceMs, (System.nanoTime() - t0) / 1e9);
        log.println("wrote " + card);
        return new Outcome(result, trainCounts, heldCounts, reports, o.out(), card, holdoutList);
    }

    private static FaceReport report(String name, List<AnnotatedImage> photos, OnnxMaskClassifier scorer, TrainConfig cfg,
                                     double threshold, PrintStream log) {
        List<AnnotatedFaces.Crop> crops = AnnotatedFaces.crops(photos, cfg.spec(), log);
        return FaceReport.of(name, scorer.classifyCrops(crops.stream().map(AnnotatedFaces.Crop::crop).toList()),
                crops.stream().map(AnnotatedFaces.Crop::cls).toList(),
                crops.stream().map(AnnotatedFaces.Crop::size).toList(), threshold);
    }

    /** ONNX Runtime time per face on one thread, in batches of 8 crops (a photo's faces), after a warm-up. */
    static double inferenceMsPerFace(Path model, List<FaceSample> faces, TrainConfig cfg) {
        Augmenter plain = new Augmenter(cfg.spec(), cfg.augment());
        int n = Math.min(512, faces.size()) / 8 * 8;
        if (n == 0) return Double.NaN;
        List<BufferedImage> crops = faces.subList(0, n).stream().map(plain::plain).toList();
        try (OnnxMaskClassifier one = new OnnxMaskClassifier(model, 1)) {
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 3; round++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i += 8) {
                    one.classifyCrops(crops.subList(i, i + 8));
                }
                best = Math.min(best, System.nanoTime() - t0);
            }
            return best / 1e6 / n;
        }
    }

    static String sha256(Path file) throws IOException {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return java.util.HexFormat.of().formatHex(d).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a Kaggle photo is held out of training: the split every model trained here shares. */
    public static boolean kaggleHeldOut(AnnotatedImage photo) {
        return Splits.heldOut(SPLIT_SEED, "kaggle/" + photo.name(), KAGGLE_HOLDOUT);
    }

    static Map<String, Integer> counts(List<FaceSample> samples) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (FaceSample s : samples) m.merge(s.source() + " " + s.label().json(), 1, Integer::sum);
        return new java.util.TreeMap<>(m);
    }

    public static Path holdoutListPath(Path onnx) {
        return onnx.resolveSibling(stem(onnx) + ".kaggle-holdout.txt");
    }

    public static Path cardPath(Path onnx) {
        return onnx.resolveSibling(stem(onnx) + ".md");
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".onnx") ? n.substring(0, n.length() - 5) : n;
    }
}
