package io.maskwatch.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import io.maskwatch.dataset.AnnotatedImage;
import io.maskwatch.detect.YuNetDecoder;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Adapts YuNet to masked faces. The original model is the teacher: every cell of the student learns to answer as the
 * teacher does (scores by binary cross-entropy on the teacher's probabilities, boxes and landmarks by L1 where the
 * teacher sees a face), except the cells {@link CellTargets} assigns to an annotated face, which learn score 1 and
 * the face's box. So the detector learns the faces the teacher misses (masked, half-boxed) and keeps its answers
 * elsewhere, the unannotated faces of the training photos' crowds included, which a plain "everything else is
 * background" loss would teach it to miss. One sample a step; the weights after the last step are the model.
 */
public final class DetectorTrainer {

    /** Teacher scores from which a cell's box and landmarks are held to the teacher's. */
    static final double TEACHER_FACE = 0.3;

    /** Mean losses over a stretch of steps. */
    public record Progress(int step, double loss, double positives, double msPerStep) {
        public String line(int steps) {
            return String.format(Locale.ROOT, "step %d/%d  loss %.3f  taught cells %.1f a sample  %.0f ms a step", step, steps,
                    loss, positives, msPerStep);
        }
    }

    private final YuNetGraph graph;
    private final DetectorTrainConfig config;

    public DetectorTrainer(YuNetGraph graph, DetectorTrainConfig config, int threads) {
        MaskTrainer.configureTorch(threads);
        Engine.getEngine("PyTorch").setRandomSeed((int) config.seed());
        this.graph = graph;
        this.config = config;
    }

    /**
     * Trains on the photos (read once, BGR) and returns the trained weights, attached to {@code manager}.
     *
     * @param report every this many steps a {@link Progress} line goes to {@code log}
     */
    public Map<String, NDArray> train(List<AnnotatedImage> photos, List<BufferedImage> images, NDManager manager,
                                      int report, PrintStream log, List<Progress> history) {
        if (photos.isEmpty() || photos.size() != images.size()) {
            throw new IllegalArgumentException("no photos to train on (" + photos.size() + " photos, " + images.size() + " images)");
        }
        Map<String, NDArray> student = graph.weights(manager);
        Map<String, NDArray> teacher = graph.weights(manager);
        student.values().forEach(a -> a.setRequiresGradient(true));
        Optimizer adam = Adam.builder().optLearningRateTracker(
                MaskTrainer.warmupCosine(config.learningRate(), Math.min(50, config.steps()), config.steps(), 0)).build();
        int[] strides = YuNetDecoder.strides();
        Random r = new Random(config.seed());
        long t0 = System.nanoTime();
        double lossSum = 0, posSum = 0;
        int since = 0;
        for (int step = 1; step <= config.steps(); step++) {
            int p = r.nextInt(photos.size());
            DetectorSamples.Sample s = DetectorSamples.cut(images.get(p), photos.get(p).faces(), r, config);
            try (NDManager m = manager.newSubManager()) {
                NDArray x = m.create(s.pixels(), new Shape(1, 3, s.height(), s.width()));
                NDArray[][] t = graph.forward(x, teacher);
                float[][][] tf = new float[strides.length][3][];
                for (int l = 0; l < strides.length; l++) {
                    tf[l][0] = t[l][YuNetGraph.CLS].toFloatArray();
                    tf[l][1] = t[l][YuNetGraph.OBJ].toFloatArray();
                    tf[l][2] = t[l][YuNetGraph.BBOX].transpose(0, 2, 3, 1).toFloatArray();
                }
                List<CellTargets.Level> targets = CellTargets.assign(s, tf);
                int positives = targets.stream().mapToInt(CellTargets.Level::count).sum();
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray[][] y = graph.forward(x, student);
                    NDArray loss = m.zeros(new Shape());
                    for (int l = 0; l < strides.length; l++) {
                        CellTargets.Level lv = targets.get(l);
                        Shape cells = new Shape(1, 1, lv.rows(), lv.cols());
                        NDArray pos = m.create(lv.positive(), cells);
                        NDArray rest = pos.neg().add(1);
                        NDArray tCls = Activation.sigmoid(t[l][YuNetGraph.CLS]);
                        NDArray tObj = Activation.sigmoid(t[l][YuNetGraph.OBJ]);
                        NDArray weight = pos.mul(config.positiveWeight()).add(config.teacherWeight());
                        loss = loss.add(bce(y[l][YuNetGraph.CLS], tCls.mul(rest).add(pos)).mul(weight).sum())
                                .add(bce(y[l][YuNetGraph.OBJ], tObj.mul(rest).add(pos)).mul(weight).sum());
                        NDArray box = m.create(lv.box(), new Shape(1, lv.rows(), lv.cols(), 4)).transpose(0, 3, 1, 2);
                        loss = loss.add(y[l][YuNetGraph.BBOX].sub(box).abs().mul(pos).sum().mul(config.boxWeight()));
                        NDArray face = tCls.mul(tObj).sqrt().gt(TEACHER_FACE).toType(DataType.FLOAT32, false).mul(rest);
                        loss = loss.add(y[l][YuNetGraph.BBOX].sub(t[l][YuNetGraph.BBOX]).abs().mul(face).sum().mul(config.teacherWeight()))
                                .add(y[l][YuNetGraph.KPS].sub(t[l][YuNetGraph.KPS]).abs().mul(face).sum().mul(0.5f * config.teacherWeight()));
                    }
                    loss = loss.div(positives + 1);
                    gc.backward(loss);
                    lossSum += loss.getFloat();
                }
                for (Map.Entry<String, NDArray> e : student.entrySet()) {
                    NDArray grad = e.getValue().getGradient();
                    adam.update(e.getKey(), e.getValue(), grad);
                    grad.close();
                }
                posSum += positives;
                since++;
            }
            if (step % report == 0 || step == config.steps()) {
                Progress pr = new Progress(step, lossSum / since, posSum / since, (System.nanoTime() - t0) / 1e6 / step);
                history.add(pr);
                log.println(pr.line(config.steps()));
                lossSum = 0;
                posSum = 0;
                since = 0;
            }
        }
        teacher.values().forEach(NDArray::close);
        return student;
    }

    /** Binary cross-entropy of logits {@code x} against probabilities {@code t}, per element (stable form). */
    static NDArray bce(NDArray x, NDArray t) {
        return x.maximum(0).sub(x.mul(t)).add(x.abs().neg().exp().add(1).log());
    }

    /** The photos' images, BGR, in order; a photo that cannot be read is logged and left out of both lists. */
    public static List<BufferedImage> read(List<AnnotatedImage> photos, List<AnnotatedImage> kept, PrintStream log) {
        List<BufferedImage> out = new ArrayList<>();
        for (AnnotatedImage p : photos) {
            BufferedImage img = AnnotatedFaces.readOrSkip(p.image(), log);
            if (img == null) continue;
            kept.add(p);
            out.add(io.maskwatch.image.ImageLoader.toBgr(img));
        }
        return out;
    }
}
