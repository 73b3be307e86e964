package io.maskwatch.training;

import io.maskwatch.classify.CropSpec;
import io.maskwatch.model.ModelStoreConfig;
import io.maskwatch.model.SharedFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code maskwatch train}: trains the mask classifier with DJL (PyTorch, CPU) and exports it to ONNX. */
@Command(name = "train", mixinStandardHelpOptions = true, subcommands = {FaceCheckCommand.class, DetectorCommand.class},
        description = {"Trains the mask classifier and exports it to ONNX with a model card.",
            "Trains from scratch with DJL on PyTorch (CPU), three classes (masked, incorrect, unmasked). Data: real "
                + "face crops, the Kaggle VOC set (split by photo; the held-out list is written beside the model) and "
                + "optionally artificial masks from 'maskwatch masks generate'. See docs/training.md.",
            "'maskwatch train face-check' trains the detector's second stage instead (docs/detection.md)."})
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "models/mask-classifier.onnx", description = "ONNX file to write; the model card goes beside it (default: the project's model).")
    Path out;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "random seed for weights, shuffling and augmentation (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "15", description = "epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--artificial", paramLabel = "DIR", description = "output folder of `maskwatch masks generate` (manifest.csv + crops) to train on as well")
    Path artificial;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "at most N files per class and source (quick runs; 0 = all)")
    int limit;

    @Option(names = "--resume", paramLabel = "PATH", description = "continue from a checkpoint folder or one of its epoch-NNN.params files")
    Path resume;

    @Option(names = "--checkpoints", paramLabel = "DIR", defaultValue = "work/train-checkpoints", description = "folder for per-epoch checkpoints (default: ${DEFAULT-VALUE})")
    Path checkpoints;

    @Option(names = "--shared", paramLabel = "DIR", description = "the shared data folder; the face detector is read from its models/ (default: ../shared beside the project)")
    Path shared;

    @Option(names = "--real", paramLabel = "DIR", split = ",", description = "real crop folders with with_mask/ and without_mask/ (default: <shared>/datasets/real-face-crops,real-face-crops-12k)")
    List<Path> real;

    @Option(names = "--kaggle", paramLabel = "DIR", description = "annotated set split by photo for training and held-out reporting (default: <shared>/datasets/kaggle-face-mask-voc)")
    Path kaggle;

    @Option(names = "--no-kaggle", description = "do not use the Kaggle set")
    boolean noKaggle;

    @Option(names = "--report-on", paramLabel = "DIR", description = "annotated set scored for the model card only (default: <shared>/datasets/reference-photos-validation)")
    Path reference;

    @Option(names = "--no-report", description = "skip the report-only set")
    boolean noReport;

    @Option(names = "--threads", paramLabel = "N", description = "libtorch threads (default: all cores)")
    Integer threads;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64", description = "faces per step (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.002", description = "peak learning rate (default: ${DEFAULT-VALUE})")
    float lr;

    @Option(names = "--crop-size", paramLabel = "PX", description = "input size in pixels (default: 64)")
    Integer cropSize;

    @Option(names = "--crop-expand", paramLabel = "X", description = "the crop is the face box times X, centred (default: 1.1)")
    Double cropExpand;

    @Option(names = "--balance", paramLabel = "MODE", defaultValue = "CLASS", description = "loss weighting: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
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
            TrainingRun.run(new TrainingRun.Options(realRoots, kaggleDir, artificial, refDir, limit, out, resume, cfg,
                    detectorModels(sharedDir)), System.err);
        } catch (IllegalArgumentException e) {
            System.err.println("maskwatch train: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    static Path defaultShared() {
        return SharedFolder.find().orElse(Path.of("../shared"));
    }

    /**
     * The default model path with {@code sharedDir} as the shared folder, so that --shared says where the
     * detector (YuNet, in the shared models/) is read from, as it says where the data is.
     */
    static ModelStoreConfig detectorModels(Path sharedDir) {
        Properties sys = new Properties(System.getProperties());
        sys.setProperty(ModelStoreConfig.PROP_SHARED, sharedDir.toString());
        return ModelStoreConfig.from(List.of(), false, System.getenv(), sys, Path.of("").toAbsolutePath());
    }
}
