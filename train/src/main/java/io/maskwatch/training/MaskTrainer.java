package io.maskwatch.training;

import io.maskwatch.files.AtomicFiles;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import io.maskwatch.classify.ClassifierContract;
import io.maskwatch.classify.FaceCrops;
import io.maskwatch.pipeline.Label;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Trains {@link MaskNet} with DJL on the PyTorch engine: Adam with warm-up and cosine decay,
 * class-balanced softmax cross-entropy over masked / incorrect / unmasked, augmented crops made on a side thread while
 * libtorch computes. After every epoch it scores the held-out real faces, writes a checkpoint and
 * keeps the best epoch by held-out AUC of P(masked); the threshold on P(masked) is the held-out
 * balanced-accuracy optimum (incorrect counting as not masked).
 */
public final class MaskTrainer implements AutoCloseable {

    /** One epoch's progress line. */
    public record EpochReport(int epoch, double loss, BinaryMetrics heldOut, double seconds) {
        public String line(int epochs) {
            return String.format(Locale.ROOT, "epoch %d/%d  loss %.4f  held-out %s  %.0f s", epoch, epochs, loss,
                    heldOut == null ? "-" : heldOut.summary(), seconds);
        }
    }

    /** The outcome: the best epoch (its weights are loaded in {@link #block()}) and its threshold. */
    public record Result(int bestEpoch, double threshold, BinaryMetrics heldOut, List<EpochReport> history,
                         double seconds, int trainFaces) {
    }

    private final TrainConfig cfg;
    private final Model model;
    private final Block block;
    private final Augmenter augmenter;

    public MaskTrainer(TrainConfig cfg) {
        this.cfg = cfg;
        configureTorch(cfg.threads());
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed((int) cfg.seed());
        this.block = MaskNet.build();
        this.model = Model.newInstance("mask-classifier", "PyTorch");
        model.setBlock(block);
        block.initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32,
                new Shape(1, 3, cfg.spec().size(), cfg.spec().size()));
        this.augmenter = new Augmenter(cfg.spec(), cfg.augment());
    }

    /**
     * libtorch reads its thread counts once, when the engine loads; spinning OpenMP threads
     * starve everything else on a shared CPU, so the launcher also sets OMP_WAIT_POLICY=PASSIVE.
     */
    public static void configureTorch(int threads) {
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
    }

    public Block block() {
        return block;
    }

    public Augmenter augmenter() {
        return augmenter;
    }

    /**
     * Trains on {@code train}, scoring {@code heldOut} after each epoch. With {@code resume} (a
     * checkpoint folder or one of its epoch-NNN.params files) it continues after that epoch.
     */
    public Result train(List<FaceSample> train, List<FaceSample> heldOut, Path resume, PrintStream log)
            throws IOException {
        long start = System.nanoTime();
        int pos = (int) train.stream().filter(FaceSample::masked).count();
        int neg = train.size() - pos;
        if (pos < cfg.minPerClass() || neg < cfg.minPerClass()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "not enough training data: %d masked and %d unmasked faces, need at least %d of each class",
                    pos, neg, cfg.minPerClass()));
        }
        java.util.Map<FaceSample, Float> weights = weights(train, cfg.balance());
        int stepsPerEpoch = Math.max(1, train.size() / cfg.batchSize());
        int totalSteps = stepsPerEpoch * cfg.epochs();
        Files.createDirectories(cfg.checkpoints());

        List<EpochReport> history = new ArrayList<>();
        int firstEpoch = 1;
        int bestEpoch = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        if (resume != null) {
            Checkpoint cp = Checkpoint.read(resume);
            loadParameters(cp.params());
            firstEpoch = cp.epoch() + 1;
            bestEpoch = cp.bestEpoch();
            bestScore = cp.bestScore();
            log.printf(Locale.ROOT, "resumed from %s (epoch %d, best epoch %d)%n", cp.params(), cp.epoch(), bestEpoch);
        }
        int stepOffset = (firstEpoch - 1) * stepsPerEpoch;
        int warmup = Math.max(1, Math.min(stepsPerEpoch, totalSteps / 10));
        Tracker lr = warmupCosine(cfg.learningRate(), warmup, totalSteps, stepOffset);
        DefaultTrainingConfig tc = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Adam.builder().optLearningRateTracker(lr).optWeightDecays(cfg.weightDecay()).build());
        float[] heldOutTensor = tensorOf(heldOut);
        boolean[] heldOutLabels = labels(heldOut);
        int size = cfg.spec().size();
        ExecutorService prep = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "augment");
            t.setDaemon(true);
            return t;
        });
        try (Trainer trainer = model.newTrainer(tc)) {
            trainer.initialize(new Shape(cfg.batchSize(), 3, size, size));
            for (int epoch = firstEpoch; epoch <= cfg.epochs(); epoch++) {
                long t0 = System.nanoTime();
                List<FaceSample> order = new ArrayList<>(train);
                Random rnd = new Random(cfg.seed() * 1_000_003L + epoch);
                Collections.shuffle(order, rnd);
                double lossSum = 0;
                int lossN = 0;
                CompletableFuture<Batch> next = CompletableFuture.supplyAsync(() -> batch(order, 0, rnd, weights), prep);
                for (int s = 0; s < stepsPerEpoch; s++) {
                    Batch b = next.join();
                    int nextStart = (s + 1) * cfg.batchSize();
                    if (s + 1 < stepsPerEpoch) next = CompletableFuture.supplyAsync(() -> batch(order, nextStart, rnd, weights), prep);
                    try (NDManager m = trainer.getManager().newSubManager()) {
                        NDArray x = m.create(b.x, new Shape(b.n, 3, size, size));
                        NDArray y = m.create(b.y, new Shape(b.n, MaskNet.CLASSES));
                        NDArray w = m.create(b.w, new Shape(b.n));
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDArray z = trainer.forward(new NDList(x)).singletonOrThrow();
                            // weighted cross-entropy: -w · log softmax(z)[class]
                            NDArray loss = z.logSoftmax(1).mul(y).sum(new int[] {1}).neg().mul(w).mean();
                            gc.backward(loss);
                            lossSum += loss.getFloat();
                            lossN++;
                        }
                        trainer.step();
                    }
                    if (log != null && stepsPerEpoch >= 40 && (s + 1) % (stepsPerEpoch / 4) == 0 && s + 1 < stepsPerEpoch) {
                        log.printf(Locale.ROOT, "  epoch %d: %d%%  loss %.4f  %.0f s%n", epoch, 100 * (s + 1) / stepsPerEpoch,
                                lossSum / lossN, (System.nanoTime() - t0) / 1e9);
                    }
                }
                BinaryMetrics m = null;
                double score = -lossSum / lossN; // without held-out data, the lowest training loss wins
                if (!heldOut.isEmpty()) {
                    float[] p = predict(heldOutTensor, heldOut.size());
                    double t = BinaryMetrics.bestThreshold(p, heldOutLabels);
                    m = BinaryMetrics.of(p, heldOutLabels, t);
                    score = m.auc() + 1e-3 * (m.tpr() + m.tnr());
                }
                EpochReport rep = new EpochReport(epoch, lossSum / lossN, m, (System.nanoTime() - t0) / 1e9);
                history.add(rep);
                if (log != null) log.println(rep.line(cfg.epochs()));
                Path params = cfg.checkpoints().resolve(String.format(Locale.ROOT, "epoch-%03d.params", epoch));
                saveParameters(params);
                if (score > bestScore) {
                    bestScore = score;
                    bestEpoch = epoch;
                    Files.copy(params, cfg.checkpoints().resolve("best.params"), StandardCopyOption.REPLACE_EXISTING);
                }
                new Checkpoint(params, epoch, bestEpoch, bestScore, cfg.seed()).write(cfg.checkpoints());
            }
        } finally {
            prep.shutdownNow();
        }
        Path best = cfg.checkpoints().resolve("best.params");
        if (Files.exists(best)) loadParameters(best);
        BinaryMetrics bestMetrics = null;
        double threshold = 0.5;
        if (!heldOut.isEmpty()) {
            float[] p = predict(heldOutTensor, heldOut.size());
            threshold = BinaryMetrics.bestThreshold(p, heldOutLabels);
            bestMetrics = BinaryMetrics.of(p, heldOutLabels, threshold);
        }
        return new Result(bestEpoch, threshold, bestMetrics, history, (System.nanoTime() - start) / 1e9, train.size());
    }

    /**
     * The learning rate of every network trained here: a linear warm-up to {@code peak} over {@code warmup} steps,
     * then a cosine decay to 2% of it at {@code totalSteps}; {@code stepOffset} steps are already done (a resumed run).
     */
    static Tracker warmupCosine(float peak, int warmup, int totalSteps, int stepOffset) {
        return update -> {
            int step = update + stepOffset;
            if (step < warmup) return peak * (step + 1) / warmup;
            double p = Math.min(1.0, (step - warmup) / (double) Math.max(1, totalSteps - warmup));
            return (float) (peak * (0.02 + 0.98 * 0.5 * (1 + Math.cos(Math.PI * p))));
        };
    }

    private record Batch(float[] x, float[] y, float[] w, int n) {
    }

    private Batch batch(List<FaceSample> order, int start, Random rnd, java.util.Map<FaceSample, Float> weights) {
        int n = Math.min(cfg.batchSize(), order.size() - start);
        List<BufferedImage> crops = new ArrayList<>(n);
        float[] y = new float[n * MaskNet.CLASSES];
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            FaceSample s = order.get(start + i);
            crops.add(augmenter.augment(s, rnd));
            y[i * MaskNet.CLASSES + classIndex(s.label())] = 1f; // one-hot
            w[i] = weights.get(s);
        }
        return new Batch(FaceCrops.toTensor(crops, cfg.spec()), y, w, n);
    }

    /** The output column of a class (the contract's order). */
    public static int classIndex(Label label) {
        return ClassifierContract.THREE_CLASSES.indexOf(label.json());
    }

    /** Loss weight of each training face (mean 1 over the set): each class present weighs the same in all. */
    static java.util.Map<FaceSample, Float> weights(List<FaceSample> train, TrainConfig.Balance balance) {
        java.util.Map<String, Integer> cell = new java.util.HashMap<>();
        java.util.Map<String, Integer> source = new java.util.HashMap<>();
        java.util.Map<String, Integer> sourceClasses = new java.util.HashMap<>();
        java.util.Map<Label, Integer> perClass = new java.util.EnumMap<>(Label.class);
        for (FaceSample s : train) {
            if (cell.merge(s.source() + "/" + s.label(), 1, Integer::sum) == 1) sourceClasses.merge(s.source(), 1, Integer::sum);
            source.merge(s.source(), 1, Integer::sum);
            perClass.merge(s.label(), 1, Integer::sum);
        }
        int classes = perClass.size();
        int n = train.size();
        java.util.IdentityHashMap<FaceSample, Float> w = new java.util.IdentityHashMap<>();
        double sum = 0;
        for (FaceSample s : train) {
            double v;
            if (balance == TrainConfig.Balance.CLASS) {
                v = n / ((double) classes * perClass.get(s.label()));
            } else if (balance == TrainConfig.Balance.MASKED_HALF) {
                double share = s.label() == Label.MASKED ? 0.5 : 0.5 / (classes - (perClass.containsKey(Label.MASKED) ? 1 : 0));
                v = n * share / perClass.get(s.label());
            } else {
                int ns = source.get(s.source());
                int nc = cell.get(s.source() + "/" + s.label());
                v = Math.min(5.0, ns / ((double) sourceClasses.get(s.source()) * nc));
            }
            w.put(s, (float) v);
            sum += v;
        }
        float norm = (float) (n / sum);
        w.replaceAll((k, v) -> v * norm);
        return w;
    }

    /** The plain (unaugmented) crops of the samples as one NCHW tensor. */
    public float[] tensorOf(List<FaceSample> samples) {
        List<BufferedImage> crops = new ArrayList<>(samples.size());
        for (FaceSample s : samples) crops.add(augmenter.plain(s));
        return FaceCrops.toTensor(crops, cfg.spec());
    }

    static boolean[] labels(List<FaceSample> samples) {
        boolean[] l = new boolean[samples.size()];
        for (int i = 0; i < l.length; i++) l[i] = samples.get(i).masked();
        return l;
    }

    /** P(masked) for {@code n} crops given as a normalised NCHW tensor (inference mode). */
    public float[] predict(float[] tensor, int n) {
        float[] all = predictClasses(tensor, n);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = all[i * MaskNet.CLASSES];
        return out;
    }

    /** The class probabilities, n rows of {@link MaskNet#CLASSES} in the contract's order (inference mode). */
    public float[] predictClasses(float[] tensor, int n) {
        int s = cfg.spec().size();
        int per = 3 * s * s;
        int k0 = MaskNet.CLASSES;
        float[] out = new float[n * k0];
        int bs = 256;
        for (int i = 0; i < n; i += bs) {
            int k = Math.min(bs, n - i);
            float[] chunk = new float[k * per];
            System.arraycopy(tensor, i * per, chunk, 0, k * per);
            try (NDManager m = model.getNDManager().newSubManager()) {
                NDArray x = m.create(chunk, new Shape(k, 3, s, s));
                NDArray z = block.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
                float[] p = z.softmax(1).toFloatArray();
                System.arraycopy(p, 0, out, i * k0, k * k0);
            }
        }
        return out;
    }

    public void saveParameters(Path file) throws IOException {
        AtomicFiles.write(file, os -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os));
            block.saveParameters(out);
            out.flush();
        });
    }

    public void loadParameters(Path file) throws IOException {
        try (InputStream is = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(is))) {
            block.loadParameters(model.getNDManager(), in);
        } catch (MalformedModelException e) {
            throw new IOException(file + ": not a checkpoint of this network (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void close() {
        model.close();
    }

    /** The state written beside each epoch's parameters, enough to resume. */
    public record Checkpoint(Path params, int epoch, int bestEpoch, double bestScore, long seed) {

        public static final String FILE = "checkpoint.properties";

        void write(Path dir) throws IOException {
            Properties p = new Properties();
            p.setProperty("params", params.getFileName().toString());
            p.setProperty("epoch", String.valueOf(epoch));
            p.setProperty("bestEpoch", String.valueOf(bestEpoch));
            p.setProperty("bestScore", String.valueOf(bestScore));
            p.setProperty("seed", String.valueOf(seed));
            AtomicFiles.write(dir.resolve(FILE), out -> p.store(out, "maskwatch training checkpoint"));
        }

        /** Reads a checkpoint folder (its latest epoch) or one epoch-NNN.params file in such a folder. */
        public static Checkpoint read(Path path) throws IOException {
            Path dir = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
            Path props = dir.resolve(FILE);
            if (!Files.exists(props)) throw new IOException(path + ": not a checkpoint (no " + FILE + " in " + dir + ")");
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(props)) {
                p.load(r);
            }
            int bestEpoch = Integer.parseInt(p.getProperty("bestEpoch", "0"));
            double bestScore = Double.parseDouble(p.getProperty("bestScore", "-Infinity"));
            long seed = Long.parseLong(p.getProperty("seed", "0"));
            Path params;
            int epoch;
            if (Files.isDirectory(path)) {
                params = dir.resolve(p.getProperty("params"));
                epoch = Integer.parseInt(p.getProperty("epoch"));
            } else {
                params = path;
                String n = path.getFileName().toString();
                if (!n.matches("epoch-\\d+\\.params")) throw new IOException(path + ": expected an epoch-NNN.params file");
                epoch = Integer.parseInt(n.substring(6, n.length() - 7));
                if (bestEpoch > epoch) { // the best so far lies after the resumed epoch: forget it
                    bestEpoch = 0;
                    bestScore = Double.NEGATIVE_INFINITY;
                }
            }
            if (!Files.exists(params)) throw new IOException(params + ": checkpoint parameters missing");
            return new Checkpoint(params, epoch, bestEpoch, bestScore, seed);
        }
    }
}
