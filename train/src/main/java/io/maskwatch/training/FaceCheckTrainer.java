package io.maskwatch.training;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import io.maskwatch.classify.CropSpec;
import io.maskwatch.classify.FaceCrops;
import io.maskwatch.detect.FaceCheckDecoder;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Trains the face check: {@link MaskNet#build(int)} with five outputs, a face logit (binary cross-entropy, the
 * not-face crops weighted so both kinds weigh the same) and the whole face's box (smooth L1, faces only, weighted by
 * {@link #BOX_WEIGHT}). Adam with warm-up and cosine decay; each crop flipped at random (the box flipped with it) and
 * its brightness and contrast jittered. The last epoch's weights are the model.
 */
public final class FaceCheckTrainer implements AutoCloseable {

    /** The box loss's weight against the face loss: larger, and the face / not-face answer learns too slowly. */
    static final float BOX_WEIGHT = 2f;
    /** Smooth L1's switch from quadratic to linear, in units of the crop's side. */
    static final float SMOOTH_L1_BETA = 0.05f;

    /** One epoch: mean face loss, mean box loss, seconds. */
    public record Epoch(int epoch, double faceLoss, double boxLoss, double seconds) {
        public String line(int epochs) {
            return String.format(Locale.ROOT, "epoch %d/%d  face loss %.4f  box loss %.4f  %.0f s", epoch, epochs, faceLoss,
                    boxLoss, seconds);
        }
    }

    private final Model model;
    private final Block block;
    private final CropSpec spec;
    private final long seed;

    public FaceCheckTrainer(CropSpec spec, long seed, int threads) {
        MaskTrainer.configureTorch(threads);
        Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        this.spec = spec;
        this.seed = seed;
        this.block = MaskNet.build(FaceCheckDecoder.COLUMNS);
        this.model = Model.newInstance("face-check", "PyTorch");
        model.setBlock(block);
        block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, spec.size(), spec.size()));
    }

    public Block block() {
        return block;
    }

    public List<Epoch> train(List<FaceCheckSamples.Sample> samples, int epochs, int batchSize, float learningRate,
                             PrintStream log) {
        int faces = (int) samples.stream().filter(FaceCheckSamples.Sample::face).count();
        int notFaces = samples.size() - faces;
        if (faces < batchSize || notFaces < batchSize) {
            throw new IllegalArgumentException("not enough training crops: " + faces + " faces and " + notFaces
                    + " not faces, need at least " + batchSize + " of each");
        }
        float notFaceWeight = (float) faces / notFaces;
        int steps = samples.size() / batchSize;
        int total = steps * epochs;
        int warmup = Math.max(1, steps / 2);
        Tracker lr = MaskTrainer.warmupCosine(learningRate, warmup, total, 0);
        int s = spec.size();
        List<Epoch> history = new ArrayList<>();
        try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss())
                .optOptimizer(Adam.builder().optLearningRateTracker(lr).optWeightDecays(1e-4f).build()))) {
            trainer.initialize(new Shape(batchSize, 3, s, s));
            Random augment = new Random(seed * 31 + 7);
            for (int epoch = 1; epoch <= epochs; epoch++) {
                long t0 = System.nanoTime();
                List<FaceCheckSamples.Sample> order = new ArrayList<>(samples);
                Collections.shuffle(order, new Random(seed * 1_000_003L + epoch));
                double faceLoss = 0, boxLoss = 0;
                for (int step = 0; step < steps; step++) {
                    List<FaceCheckSamples.Sample> batch = order.subList(step * batchSize, (step + 1) * batchSize);
                    Batch b = batch(batch, notFaceWeight, augment);
                    try (NDManager m = trainer.getManager().newSubManager()) {
                        NDArray x = m.create(b.x, new Shape(batchSize, 3, s, s));
                        NDArray y = m.create(b.face, new Shape(batchSize));
                        NDArray w = m.create(b.weight, new Shape(batchSize));
                        NDArray mask = m.create(b.face, new Shape(batchSize, 1));
                        NDArray t = m.create(b.target, new Shape(batchSize, 4));
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDArray z = trainer.forward(new NDList(x)).singletonOrThrow();
                            NDArray logit = z.get(":, 0");
                            // binary cross-entropy on the logit, stable form: max(z, 0) - z y + log(1 + e^-|z|)
                            NDArray bce = logit.maximum(0).sub(logit.mul(y)).add(logit.abs().neg().exp().add(1).log()).mul(w).mean();
                            NDArray d = z.get(":, 1:5").sub(t).abs();
                            NDArray small = d.lt(SMOOTH_L1_BETA).toType(DataType.FLOAT32, false);
                            NDArray l1 = small.mul(d.square().mul(0.5f / SMOOTH_L1_BETA))
                                    .add(small.neg().add(1).mul(d.sub(0.5f * SMOOTH_L1_BETA)));
                            NDArray box = l1.mul(mask).sum().div(mask.sum().add(1e-6f)).mul(BOX_WEIGHT);
                            gc.backward(bce.add(box));
                            faceLoss += bce.getFloat();
                            boxLoss += box.getFloat();
                        }
                        trainer.step();
                    }
                }
                Epoch e = new Epoch(epoch, faceLoss / steps, boxLoss / steps, (System.nanoTime() - t0) / 1e9);
                history.add(e);
                if (log != null) log.println(e.line(epochs));
            }
        }
        return history;
    }

    /** The raw outputs (inference mode) for crops, {@link FaceCheckDecoder#COLUMNS} per crop. */
    public float[] predict(List<BufferedImage> crops) {
        int s = spec.size();
        try (NDManager m = model.getNDManager().newSubManager()) {
            NDArray x = m.create(FaceCrops.toTensor(crops, spec), new Shape(crops.size(), 3, s, s));
            return block.forward(new ai.djl.training.ParameterStore(m, false), new NDList(x), false).singletonOrThrow()
                    .toFloatArray();
        }
    }

    private record Batch(float[] x, float[] face, float[] weight, float[] target) {
    }

    private Batch batch(List<FaceCheckSamples.Sample> batch, float notFaceWeight, Random augment) {
        int n = batch.size();
        int s = spec.size();
        int plane = s * s;
        List<BufferedImage> crops = new ArrayList<>(n);
        float[] face = new float[n], weight = new float[n], target = new float[n * 4];
        for (int i = 0; i < n; i++) {
            FaceCheckSamples.Sample q = batch.get(i);
            boolean flip = augment.nextBoolean();
            crops.add(flip ? FaceCrops.mirrored(q.crop()) : q.crop());
            face[i] = q.face() ? 1 : 0;
            weight[i] = q.face() ? 1 : notFaceWeight;
            if (q.face()) {
                float[] g = q.target();
                if (flip) { // mirrored about the crop's centre: x1' = -x2, x2' = -x1
                    target[i * 4] = -g[2];
                    target[i * 4 + 1] = g[1];
                    target[i * 4 + 2] = -g[0];
                    target[i * 4 + 3] = g[3];
                } else {
                    System.arraycopy(g, 0, target, i * 4, 4);
                }
            }
        }
        float[] x = FaceCrops.toTensor(crops, spec);
        for (int i = 0; i < n; i++) {
            float gain = 0.75f + 0.5f * augment.nextFloat(), bias = 0.2f * (augment.nextFloat() - 0.5f);
            for (int k = i * 3 * plane; k < (i + 1) * 3 * plane; k++) x[k] = x[k] * gain + bias;
        }
        return new Batch(x, face, weight, target);
    }

    @Override
    public void close() {
        model.close();
    }
}
