package io.maskwatch.training;

import io.maskwatch.classify.ClassifierContract;
import io.maskwatch.classify.CropSpec;
import io.maskwatch.dataset.AnnotatedImage;
import io.maskwatch.dataset.Dataset;
import io.maskwatch.dataset.DatasetOptions;
import io.maskwatch.dataset.DatasetReaders;
import io.maskwatch.dataset.GroundTruthFace;
import io.maskwatch.detect.DetectorConfig;
import io.maskwatch.detect.Detectors;
import io.maskwatch.detect.Face;
import io.maskwatch.detect.FaceCheck;
import io.maskwatch.detect.FaceDetector;
import io.maskwatch.detect.OnnxFaceCheck;
import io.maskwatch.export.OnnxExporter;
import io.maskwatch.files.AtomicFiles;
import io.maskwatch.model.ModelStore;
import java.awt.image.BufferedImage;
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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code maskwatch train face-check}: trains the detector's second stage (docs/detection.md) and exports it to ONNX. */
@Command(name = "face-check", mixinStandardHelpOptions = true,
        description = {"Trains the face check, the detector's second stage: P(face) and the whole face's box for each "
                + "candidate, and exports it to ONNX with a model card.",
            "Data: the Kaggle VOC set's training photos (the classifier's split: its held-out photos stay out) and, "
                + "with --artificial, faces of 'maskwatch masks generate'. See docs/detection.md."})
public final class FaceCheckCommand implements Callable<Integer> {

    /** The crop the check sees: the candidate's box doubled, square, so a half box's whole face is inside. */
    public static final CropSpec SPEC = new CropSpec(2.0, true, 64, 0.5f, 0.5f);
    /** Candidates are cut down to this detector score, lower than the pipeline ever asks for. */
    static final double CANDIDATE_SCORE = 0.3;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "models/face-check.onnx", description = "ONNX file to write; the model card goes beside it (default: the project's model)")
    Path out;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "random seed for weights, shuffling, cuts and augmentation (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "12", description = "epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--artificial", paramLabel = "DIR", description = "output folder of `maskwatch masks generate` (manifest.csv + crops) to train on as well")
    Path artificial;

    @Option(names = "--artificial-faces", paramLabel = "N", defaultValue = "1500", description = "faces taken from --artificial, each masked, unmasked and wrongly masked (default: ${DEFAULT-VALUE})")
    int artificialFaces;

    @Option(names = "--shared", paramLabel = "DIR", description = "the shared data folder; the face detector is read from its models/ (default: ../shared beside the project)")
    Path shared;

    @Option(names = "--kaggle", paramLabel = "DIR", description = "annotated set split by photo as the classifier's (default: <shared>/datasets/kaggle-face-mask-voc)")
    Path kaggle;

    @Option(names = "--threads", paramLabel = "N", description = "libtorch threads (default: all cores)")
    Integer threads;

    @Option(names = "--detector-negatives", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "use the detector's candidates far from every annotated face as not-face crops (default: ${DEFAULT-VALUE}); most of Kaggle's are unannotated background faces")
    boolean detectorNegatives;

    @Override
    public Integer call() throws Exception {
        Path sharedDir = shared != null ? shared : TrainCommand.defaultShared();
        Path kaggleDir = kaggle != null ? kaggle : sharedDir.resolve("datasets/kaggle-face-mask-voc");
        List<String> missing = new ArrayList<>();
        if (!Files.isDirectory(kaggleDir)) missing.add(kaggleDir.toString());
        if (artificial != null && !Files.isDirectory(artificial)) missing.add(artificial.toString());
        if (!missing.isEmpty()) {
            System.err.println("maskwatch train face-check: missing data folder(s): " + String.join(", ", missing)
                    + "\n  (set --shared DIR, or -Dmaskwatch.shared, to the shared data folder)");
            return 2;
        }
        if (epochs < 1 || artificialFaces < 0) {
            System.err.println("maskwatch train face-check: --epochs must be >= 1 and --artificial-faces >= 0");
            return 2;
        }
        int nThreads = threads != null ? threads : Math.max(1, Runtime.getRuntime().availableProcessors());
        try {
            run(kaggleDir, sharedDir, nThreads, System.err);
        } catch (IllegalArgumentException e) {
            System.err.println("maskwatch train face-check: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    private void run(Path kaggleDir, Path sharedDir, int nThreads, PrintStream log) throws Exception {
        long t0 = System.nanoTime();
        String gitCommit = GitCommit.describe(Path.of(""));
        Instant trainedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Dataset ds = DatasetReaders.read(kaggleDir, DatasetOptions.DEFAULT);
        List<AnnotatedImage> kTrain = ds.images().stream().filter(p -> !TrainingRun.kaggleHeldOut(p)).toList();
        List<AnnotatedImage> kHeld = ds.images().stream().filter(TrainingRun::kaggleHeldOut).toList();
        List<FaceCheckSamples.Sample> samples = new ArrayList<>();
        Map<String, Integer> counts = new java.util.TreeMap<>();
        List<String> data = new ArrayList<>();
        ModelStore store = new ModelStore(TrainCommand.detectorModels(sharedDir).withOffline(true));
        try (FaceDetector detector = Detectors.create(Detectors.DEFAULT, DetectorConfig.DEFAULT.withConfidence(CANDIDATE_SCORE),
                store::resolve, 1)) {
            FaceCheckSamples.Cut k = FaceCheckSamples.fromAnnotated(kTrain, detector, SPEC, seed, detectorNegatives, log);
            samples.addAll(k.samples());
            k.counts().forEach((key, v) -> counts.merge("kaggle: " + key, v, Integer::sum));
            data.add(String.format(Locale.ROOT, "%s: %d training photos of %d (the classifier's split), %d crops",
                    kaggleDir.getFileName(), kTrain.size(), ds.images().size(), k.samples().size()));
            log.printf(Locale.ROOT, "kaggle: %d training photos, %d crops%n", kTrain.size(), k.samples().size());
            if (artificial != null) {
                FaceCheckSamples.Cut a = FaceCheckSamples.fromArtificial(artificial, artificialFaces, detector, SPEC, seed, log);
                samples.addAll(a.samples());
                a.counts().forEach((key, v) -> counts.merge("artificial: " + key, v, Integer::sum));
                data.add(String.format(Locale.ROOT, "artificial (%s, manifest sha256 %s): %d faces, %d crops",
                        artificial.getFileName(), TrainingRun.sha256(artificial.resolve(ArtificialMasks.MANIFEST)),
                        artificialFaces, a.samples().size()));
                log.printf(Locale.ROOT, "artificial: %d crops%n", a.samples().size());
            }
            log.printf(Locale.ROOT, "data ready in %.0f s: %s%n", (System.nanoTime() - t0) / 1e9, counts);
            List<FaceCheckTrainer.Epoch> history;
            try (FaceCheckTrainer trainer = new FaceCheckTrainer(SPEC, seed, nThreads)) {
                history = trainer.train(samples, epochs, 64, 2e-3f, log);
                Map<String, String> meta = new LinkedHashMap<>(ClassifierContract.cropMetadata(SPEC));
                meta.putAll(ClassifierContract.provenanceMetadata(new ClassifierContract.Provenance(seed, epochs, epochs,
                        TrainingRun.SPLIT_SEED, String.join("; ", data), gitCommit, trainedAt.toString())));
                OnnxExporter.write(OnnxExporter.toProto(trainer.block(), io.maskwatch.detect.FaceCheckDecoder.COLUMNS, SPEC.size(),
                        OnnxFaceCheck.INPUT, OnnxFaceCheck.OUTPUT, false, "maskwatch-face-check",
                        "maskwatch face check: face logit and the whole face's box for a candidate (see models/face-check.md)",
                        meta), out);
                log.printf(Locale.ROOT, "wrote %s (%d bytes)%n", out, Files.size(out));
            }
            // held-out figures through the exported file, as the pipeline runs it
            HeldOut h = heldOut(kHeld, detector, log);
            log.println(h.line());
            Path card = TrainingRun.cardPath(out);
            AtomicFiles.writeString(card, card(counts, data, history, h, gitCommit, trainedAt, (System.nanoTime() - t0) / 1e9));
            log.println("wrote " + card);
        }
    }

    /** How the check separates the detector's candidates on the held-out Kaggle photos. */
    record HeldOut(int photos, int faces, int notFaces, double aucCheck, double aucScore, double aucBoth, double msPerCrop) {
        String line() {
            return String.format(Locale.ROOT, "held-out Kaggle photos: %d, candidates %d faces (IoU > 0.5) / %d not faces "
                    + "(IoU < 0.1): AUC of P(face) %.4f, of the detector's score %.4f, of their product %.4f; %.2f ms a crop",
                    photos, faces, notFaces, aucCheck, aucScore, aucBoth, msPerCrop);
        }
    }

    private HeldOut heldOut(List<AnnotatedImage> photos, FaceDetector detector, PrintStream log) {
        List<Float> check = new ArrayList<>(), score = new ArrayList<>();
        List<Boolean> face = new ArrayList<>();
        long nanos = 0;
        int crops = 0;
        try (FaceCheck fc = new OnnxFaceCheck(out, 1)) {
            for (AnnotatedImage p : photos) {
                BufferedImage img = AnnotatedFaces.readOrSkip(p.image(), log);
                if (img == null) continue;
                List<Face> cands = detector.detect(img);
                long t = System.nanoTime();
                List<FaceCheck.Verdict> v = fc.check(img, cands);
                nanos += System.nanoTime() - t;
                crops += cands.size();
                for (int i = 0; i < cands.size(); i++) {
                    double best = 0;
                    for (GroundTruthFace g : p.faces()) best = Math.max(best, g.box().iou(cands.get(i).box()));
                    if (best > 0.5 || best < 0.1) {
                        face.add(best > 0.5);
                        check.add((float) v.get(i).faceProbability());
                        score.add((float) cands.get(i).score());
                    }
                }
            }
        }
        int n = face.size();
        float[] c = new float[n], s = new float[n], b = new float[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            c[i] = check.get(i);
            s[i] = score.get(i);
            b[i] = c[i] * s[i];
            y[i] = face.get(i);
        }
        int faces = (int) face.stream().filter(x -> x).count();
        return new HeldOut(photos.size(), faces, n - faces, BinaryMetrics.auc(c, y), BinaryMetrics.auc(s, y),
                BinaryMetrics.auc(b, y), crops == 0 ? Double.NaN : nanos / 1e6 / crops);
    }

    private String card(Map<String, Integer> counts, List<String> data, List<FaceCheckTrainer.Epoch> history, HeldOut h,
                        String gitCommit, Instant trainedAt, double seconds) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Model card: maskwatch face check\n\n");
        sb.append("The detector's second stage (`io.maskwatch.detect.CheckedDetector`, docs/detection.md): for each candidate box "
                + "of YuNet it gives P(face) and the whole face's box, from a 64 x 64 crop of the box doubled (square). "
                + "ONNX: input `input` float [N,3,64,64] (RGB, (v/255 - 0.5)/0.5), output `face_check` float [N,5] = face "
                + "logit, then x1, y1, x2, y2 of the whole face relative to the crop's centre in units of its side.\n\n");
        sb.append("## How it was made\n\n");
        sb.append("- command: `./maskwatch train face-check --out ").append(out).append(" --seed ").append(seed)
                .append(" --epochs ").append(epochs);
        if (artificial != null) sb.append(" --artificial ").append(artificial).append(" --artificial-faces ").append(artificialFaces);
        if (!detectorNegatives) sb.append(" --no-detector-negatives");
        sb.append("`\n");
        sb.append("- code: git commit ").append(gitCommit).append("; trained ").append(trainedAt)
                .append(String.format(Locale.ROOT, " in %.0f s on %d cores%n", seconds, Runtime.getRuntime().availableProcessors()));
        sb.append("- network: the classifier's MobileNetV1-style stack (`MaskNet`) with 5 outputs; Adam, lr 0.002, cosine "
                + "decay, batch 64, flips and brightness jitter; the last epoch is the model\n");
        sb.append("- the box to learn is the candidate's own when it overlaps its face by IoU >= ")
                .append(FaceCheckSamples.GOOD_BOX).append(" (only boxes that are off learn to move)\n");
        for (String d : data) sb.append("- data: ").append(d).append('\n');
        sb.append("\n## Training crops\n\n| kind | crops |\n|---|---:|\n");
        counts.forEach((k, v) -> sb.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        sb.append("\n## Epochs\n\n| epoch | face loss | box loss | seconds |\n|---:|---:|---:|---:|\n");
        for (FaceCheckTrainer.Epoch e : history) {
            sb.append(String.format(Locale.ROOT, "| %d | %.4f | %.4f | %.0f |%n", e.epoch(), e.faceLoss(), e.boxLoss(), e.seconds()));
        }
        sb.append("\n## Held-out figures\n\n").append(h.line()).append(".\n\n");
        sb.append("The detector-level figures (recall, spurious boxes with the check in the pipeline) are in docs/detection.md.\n");
        return sb.toString();
    }
}
