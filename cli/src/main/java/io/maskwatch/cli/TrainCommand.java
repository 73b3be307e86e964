package io.maskwatch.cli;

import io.maskwatch.classify.CropSpec;
import io.maskwatch.training.Augmenter;
import io.maskwatch.training.TrainConfig;
import io.maskwatch.training.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code maskwatch train}: trains the mask classifier with DJL (PyTorch, CPU) and exports it to ONNX. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains the three-class mask classifier (masked, incorrect, unmasked) from scratch (DJL on PyTorch, CPU) and exports it to ONNX with a model card.",
            "Data: real face crops, the Kaggle VOC set (split by photo; held-out list written beside the model),",
            "and optionally artificial masks from `maskwatch masks generate`. See docs/training.md."})
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "models/mask-classifier.onnx", description = "ONNX file to write (default: ${DEFAULT-VALUE}); the card goes beside it")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "random seed for weights, shuffling and augmentation (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--epochs", defaultValue = "15", description = "epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--artificial", description = "output folder of `maskwatch masks generate` (manifest.csv + crops) to train on as well")
    Path artificial;

    @Option(names = "--limit", defaultValue = "0", description = "at most N files per class and source (quick runs; 0 = all)")
    int limit;

    @Option(names = "--resume", description = "continue from a checkpoint folder or one of its epoch-NNN.params files")
    Path resume;

    @Option(names = "--checkpoints", defaultValue = "work/train-checkpoints", description = "folder for per-epoch checkpoints (default: ${DEFAULT-VALUE})")
    Path checkpoints;

    @Option(names = "--shared", description = "the shared data folder (default: -Dmaskwatch.shared, else ../shared beside the project)")
    Path shared;

    @Option(names = "--real", split = ",", description = "real crop folders with with_mask/ and without_mask/ (default: <shared>/datasets/real-face-crops,real-face-crops-12k)")
    List<Path> real;

    @Option(names = "--kaggle", description = "annotated set split by photo for training and held-out reporting (default: <shared>/datasets/kaggle-face-mask-voc)")
    Path kaggle;

    @Option(names = "--no-kaggle", description = "do not use the Kaggle set")
    boolean noKaggle;

    @Option(names = "--report-on", description = "annotated set scored for the model card only (default: <shared>/datasets/reference-photos-validation)")
    Path reference;

    @Option(names = "--no-report", description = "skip the report-only set")
    boolean noReport;

    @Option(names = "--threads", description = "libtorch threads (default: all cores)")
    Integer threads;

    @Option(names = "--batch-size", defaultValue = "64", description = "faces per step (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.002", description = "peak learning rate (default: ${DEFAULT-VALUE})")
    float lr;

    @Option(names = "--crop-size", description = "input size in pixels (default: CropSpec.DEFAULT)")
    Integer cropSize;

    @Option(names = "--crop-expand", description = "box expansion of the crop (default: CropSpec.DEFAULT)")
    Double cropExpand;

    @Option(names = "--balance", defaultValue = "CLASS", description = "loss weighting: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    TrainConfig.Balance balance;

    @Override
    public Integer call() throws Exception {
        Path sharedDir = shared != null ? shared : defaultShared();
        List<Path> realRoots = real != null ? real : List.of(sharedDir.resolve("datasets/real-face-crops"),
                sharedDir.resolve("datasets/real-face-crops-12k"));
        Path kaggleDir = noKaggle ? null : kaggle != null ? kaggle : sharedDir.resolve("datasets/kaggle-face-mask-voc");
        Path refDir = noReport ? null : reference != null ? reference : sharedDir.resolve("datasets/reference-photos-validation");
        List<String> missing = new ArrayList<>();
        for (Path p : realRoots) if (!Files.isDirectory(p)) missing.add(p.toString());
        if (kaggleDir != null && !Files.isDirectory(kaggleDir)) missing.add(kaggleDir + " (or --no-kaggle)");
        if (artificial != null && !Files.isDirectory(artificial)) missing.add(artificial.toString());
        if (refDir != null && !Files.isDirectory(refDir)) missing.add(refDir + " (or --no-report)");
        if (!missing.isEmpty()) {
            System.err.println("maskwatch train: missing data folder(s): " + String.join(", ", missing)
                    + "\n  (set --shared DIR, or -Dmaskwatch.shared, to the shared data folder)");
            return 2;
        }
        CropSpec d = CropSpec.DEFAULT;
        CropSpec spec = new CropSpec(cropExpand != null ? cropExpand : d.expand(), d.square(),
                cropSize != null ? cropSize : d.size(), d.mean(), d.std());
        TrainConfig base = TrainConfig.defaults(checkpoints);
        TrainConfig cfg;
        try {
            cfg = new TrainConfig(seed, epochs, batchSize, lr, base.weightDecay(),
                    threads != null ? threads : base.threads(), spec, Augmenter.Settings.DEFAULT, checkpoints, base.minPerClass(), balance);
        } catch (IllegalArgumentException e) {
            System.err.println("maskwatch train: " + e.getMessage());
            return 2;
        }
        try {
            TrainingRun.run(new TrainingRun.Options(realRoots, kaggleDir, artificial, refDir, limit, out, resume, cfg), System.err);
        } catch (IllegalArgumentException e) {
            System.err.println("maskwatch train: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    static Path defaultShared() {
        String prop = System.getProperty("maskwatch.shared");
        if (prop != null && !prop.isBlank()) return Path.of(prop);
        String home = System.getProperty("maskwatch.home");
        if (home != null) return Path.of(home).resolveSibling("shared");
        return Path.of("../shared");
    }
}
