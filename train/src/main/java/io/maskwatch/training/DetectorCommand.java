package io.maskwatch.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.maskwatch.dataset.AnnotatedImage;
import io.maskwatch.dataset.Dataset;
import io.maskwatch.dataset.DatasetOptions;
import io.maskwatch.dataset.DatasetReaders;
import io.maskwatch.dataset.FaceClass;
import io.maskwatch.dataset.GroundTruthFace;
import io.maskwatch.detect.DetectorConfig;
import io.maskwatch.detect.Detectors;
import io.maskwatch.detect.Face;
import io.maskwatch.detect.FaceCheckConfig;
import io.maskwatch.detect.FaceDetector;
import io.maskwatch.detect.YuNetModel;
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

/** {@code maskwatch train detector}: adapts YuNet to masked faces (docs/detection.md) and writes it as ONNX. */
@Command(name = "detector", mixinStandardHelpOptions = true,
        description = {"Adapts the YuNet face detector to masked faces: the original model teaches every answer but "
                + "those on annotated faces, which learn the whole face. Writes the same ONNX graph with new weights, "
                + "and a model card beside it.",
            "Data: the Kaggle VOC set's training photos (the classifier's split: its held-out photos stay out). "
                + "See docs/detection.md."})
public final class DetectorCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "models/yunet-masked.onnx", description = "ONNX file to write; the model card goes beside it (default: the project's model)")
    Path out;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "random seed for photos, crops and flips (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "1500", description = "training steps, one crop each (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--shared", paramLabel = "DIR", description = "the shared data folder; the original YuNet is read from its models/ (default: ../shared beside the project)")
    Path shared;

    @Option(names = "--kaggle", paramLabel = "DIR", description = "annotated set split by photo as the classifier's (default: <shared>/datasets/kaggle-face-mask-voc)")
    Path kaggle;

    @Option(names = "--threads", paramLabel = "N", description = "libtorch threads (default: all cores)")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        Path sharedDir = shared != null ? shared : TrainCommand.defaultShared();
        Path kaggleDir = kaggle != null ? kaggle : sharedDir.resolve("datasets/kaggle-face-mask-voc");
        if (!Files.isDirectory(kaggleDir)) {
            System.err.println("maskwatch train detector: missing data folder: " + kaggleDir
                    + "\n  (set --shared DIR, or -Dmaskwatch.shared, to the shared data folder)");
            return 2;
        }
        DetectorTrainConfig config;
        try {
            config = DetectorTrainConfig.DEFAULT.withSteps(steps).withSeed(seed);
        } catch (IllegalArgumentException e) {
            System.err.println("maskwatch train detector: " + e.getMessage());
            return 2;
        }
        int nThreads = threads != null ? threads : Math.max(1, Runtime.getRuntime().availableProcessors());
        try {
            run(kaggleDir, sharedDir, config, nThreads, System.err);
        } catch (IllegalArgumentException e) {
            System.err.println("maskwatch train detector: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    private void run(Path kaggleDir, Path sharedDir, DetectorTrainConfig config, int nThreads, PrintStream log) throws Exception {
        long t0 = System.nanoTime();
        String gitCommit = GitCommit.describe(Path.of(""));
        Instant trainedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ModelStore store = new ModelStore(TrainCommand.detectorModels(sharedDir).withOffline(true));
        Path teacherFile = store.resolve(YuNetModel.MODEL_ID);
        YuNetGraph graph = YuNetGraph.read(teacherFile);
        Dataset ds = DatasetReaders.read(kaggleDir, DatasetOptions.DEFAULT);
        List<AnnotatedImage> train = new ArrayList<>();
        List<BufferedImage> images = DetectorTrainer.read(
                ds.images().stream().filter(p -> !TrainingRun.kaggleHeldOut(p)).toList(), train, log);
        List<AnnotatedImage> held = ds.images().stream().filter(TrainingRun::kaggleHeldOut).toList();
        long faces = train.stream().mapToLong(p -> p.faces().size()).sum();
        String data = String.format(Locale.ROOT, "%s: %d training photos of %d (the classifier's split), %d annotated faces",
                kaggleDir.getFileName(), train.size(), ds.images().size(), faces);
        log.printf(Locale.ROOT, "teacher %s (%d weights); %s%n", teacherFile, graph.parameterCount(), data);
        List<DetectorTrainer.Progress> history = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Map<String, NDArray> trained = new DetectorTrainer(graph, config, nThreads).train(train, images, manager, 100, log, history);
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("maskwatch.model", "yunet-masked");
            meta.put("maskwatch.teacher", teacherFile.getFileName() + " sha256 " + TrainingRun.sha256(teacherFile));
            meta.put("maskwatch.seed", Long.toString(config.seed()));
            meta.put("maskwatch.steps", Integer.toString(config.steps()));
            meta.put("maskwatch.data", data);
            meta.put("maskwatch.git_commit", gitCommit);
            meta.put("maskwatch.trained_at", trainedAt.toString());
            OnnxExporter.write(graph.withWeights(trained, meta), out);
            log.printf(Locale.ROOT, "wrote %s (%d bytes)%n", out, Files.size(out));
        }
        List<Check> checks = heldOut(held, List.of(teacherFile, out), log);
        Check before = checks.get(0);
        Check after = checks.get(1);
        log.println("held-out, original: " + before.line());
        log.println("held-out, adapted:  " + after.line());
        Path card = TrainingRun.cardPath(out);
        AtomicFiles.writeString(card, card(config, teacherFile, graph.parameterCount(), data, history, before, after, gitCommit, trainedAt,
                (System.nanoTime() - t0) / 1e9));
        log.println("wrote " + card);
    }

    /** The detector alone (default scales, no face check) on the held-out photos: masked faces of 20 px and more found, spurious boxes. */
    record Check(int photos, int masked, int maskedFound, int faces, int found, int spurious) {
        String line() {
            return String.format(Locale.ROOT, "%d photos: masked faces >= 20 px found %d/%d (%.1f%%), all faces %d/%d, "
                    + "boxes on no annotated face %d", photos, maskedFound, masked, 100.0 * maskedFound / Math.max(1, masked),
                    found, faces, spurious);
        }
    }

    /** Each model's {@link Check} on the same photos, each photo read once. */
    private static List<Check> heldOut(List<AnnotatedImage> photos, List<Path> models, PrintStream log) {
        List<FaceDetector> detectors = new ArrayList<>();
        // per model: masked, masked found, faces, found, spurious
        int[][] t = new int[models.size()][5];
        int n = 0;
        try {
            for (Path model : models) {
                detectors.add(Detectors.create(YuNetModel.NAME, DetectorConfig.DEFAULT, FaceCheckConfig.OFF, id -> model, 1));
            }
            for (AnnotatedImage p : photos) {
                BufferedImage img = AnnotatedFaces.readOrSkip(p.image(), log);
                if (img == null) continue;
                n++;
                for (int m = 0; m < detectors.size(); m++) {
                    List<Face> det = detectors.get(m).detect(img);
                    for (GroundTruthFace g : p.faces()) {
                        boolean hit = det.stream().anyMatch(f -> f.box().iou(g.box()) > 0.5);
                        t[m][2]++;
                        t[m][3] += hit ? 1 : 0;
                        if (g.cls() == FaceClass.MASKED && g.box().size() >= 20) {
                            t[m][0]++;
                            t[m][1] += hit ? 1 : 0;
                        }
                    }
                    for (Face f : det) {
                        if (p.faces().stream().noneMatch(g -> g.box().iou(f.box()) > 0.5)) t[m][4]++;
                    }
                }
            }
        } finally {
            detectors.forEach(FaceDetector::close);
        }
        List<Check> out = new ArrayList<>();
        for (int[] c : t) out.add(new Check(n, c[0], c[1], c[2], c[3], c[4]));
        return out;
    }

    private String card(DetectorTrainConfig c, Path teacher, long weights, String data, List<DetectorTrainer.Progress> history, Check before,
                        Check after, String gitCommit, Instant trainedAt, double seconds) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Model card: YuNet-n adapted to masked faces (yunet-masked)\n\n");
        sb.append("A face detector of maskwatch. The default pipeline asks it, up close, for its box of each face the "
                + "original YuNet found and the classifier sees masked (docs/detection.md, \"Masked-face boxes\"); `--detector yunet-masked` runs it as the "
                + "detector (docs/detection.md, \"YuNet adapted to masked faces\": more masked faces found, more boxes on "
                + "things that are not faces). The graph, input "
                + "and outputs are YuNet-n's (libfacedetection, Apache-2.0): BGR 0..255, any size that is a multiple of 32, "
                + "outputs cls/obj/bbox/kps at strides 8, 16, 32, decoded by `YuNetDecoder`. Only the weights differ.\n\n");
        sb.append("## How it was made\n\n");
        sb.append("- command: `./maskwatch train detector --out ").append(out).append(" --seed ").append(c.seed())
                .append(" --steps ").append(c.steps()).append("`\n");
        sb.append("- code: git commit ").append(gitCommit).append("; trained ").append(trainedAt)
                .append(String.format(Locale.ROOT, " in %.0f s on %d cores%n", seconds, Runtime.getRuntime().availableProcessors()));
        sb.append("- teacher and starting point: ").append(teacher.getFileName()).append(" (the shared YuNet-n)\n");
        sb.append("- data: ").append(data).append('\n');
        sb.append(String.format(Locale.ROOT, "- samples: one crop of at most %d px a step, the photo's long side resized to "
                + "%d-%d px (log-uniform), %.0f%% placed anywhere and the rest around an annotated face, mirrored half of the "
                + "time%n", c.crop(), c.minLongSide(), c.maxLongSide(), 100 * c.background()));
        sb.append(String.format(Locale.ROOT, "- loss: every cell answers as the teacher (weight %.1f); cells assigned to an "
                + "annotated face (simplified SimOTA on the teacher's answers) learn score 1 (extra weight %.1f) and the face's "
                + "box (weight %.1f): the teacher's own box at that cell where it overlaps the annotation by IoU >= %.1f, else the "
                + "annotation%n", c.teacherWeight(), c.positiveWeight(), c.boxWeight(), CellTargets.OWN_BOX));
        sb.append(String.format(Locale.ROOT, "- Adam, peak learning rate %.1e, warm-up and cosine decay; all %d weights trained%n",
                c.learningRate(), weights));
        sb.append("\n## Training\n\nThe loss holds the teacher's own uncertainty on every cell, which no training removes, so it "
                + "does not fall far; the figures below and in docs/detection.md are what tell a better detector.\n\n"
                + "| step | loss | taught cells a sample | ms a step |\n|---:|---:|---:|---:|\n");
        for (DetectorTrainer.Progress p : history) {
            sb.append(String.format(Locale.ROOT, "| %d | %.3f | %.1f | %.0f |%n", p.step(), p.loss(), p.positives(), p.msPerStep()));
        }
        sb.append("\n## Held-out Kaggle photos (detector alone, default scales, no face check)\n\n");
        sb.append("- original: ").append(before.line()).append('\n');
        sb.append("- adapted: ").append(after.line()).append('\n');
        sb.append("\nThe pipeline's figures (with the face check, both annotated sets) are in docs/detection.md and docs/evaluation.md.\n");
        return sb.toString();
    }
}
