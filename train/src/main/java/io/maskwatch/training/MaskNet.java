package io.maskwatch.training;

import ai.djl.nn.Activation;
import io.maskwatch.classify.ClassifierContract;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The mask classifier's network: a small MobileNetV1-style stack (3×3 stem, then depthwise 3×3 +
 * pointwise 1×1 pairs, each conv followed by BatchNorm and ReLU), global average pool and one
 * logit per class ({@link ClassifierContract#THREE_CLASSES}: masked, incorrect, unmasked). The layer list is explicit so the ONNX exporter can walk the same structure.
 */
public final class MaskNet {

    /** One conv + BatchNorm + ReLU unit. {@code groups == in} makes it depthwise. */
    public record ConvUnit(int in, int out, int kernel, int stride, int groups) {
    }

    /** Output logits, one per class of the contract, in its order. */
    public static final int CLASSES = ClassifierContract.THREE_CLASSES.size();

    private MaskNet() {
    }

    /** Conv units for the width-0.5 network: about 275k parameters. */
    public static List<ConvUnit> units() {
        List<ConvUnit> u = new ArrayList<>();
        u.add(new ConvUnit(3, 16, 3, 2, 1));
        int[][] dw = { // {in, out, stride}
            {16, 32, 1}, {32, 64, 2}, {64, 64, 1}, {64, 128, 2}, {128, 128, 1}, {128, 256, 2},
            {256, 256, 1}, {256, 256, 1}, {256, 256, 1}};
        for (int[] d : dw) {
            u.add(new ConvUnit(d[0], d[0], 3, d[2], d[0]));
            u.add(new ConvUnit(d[0], d[1], 1, 1, 1));
        }
        return List.copyOf(u);
    }

    /** Channels entering the final linear layer. */
    public static int featureChannels() {
        List<ConvUnit> u = units();
        return u.get(u.size() - 1).out();
    }

    /**
     * The DJL block: children are, in order, for each unit a SequentialBlock(conv, batchnorm, relu),
     * then the global pool, a flatten and the final Linear({@link #CLASSES}) (which outputs the logits).
     */
    public static Block build() {
        return build(CLASSES);
    }

    /** The same network with {@code outputs} values out of the final Linear (the face check has 5: a logit and a box). */
    public static Block build(int outputs) {
        SequentialBlock net = new SequentialBlock();
        for (ConvUnit c : units()) {
            SequentialBlock unit = new SequentialBlock();
            unit.add(Conv2d.builder()
                    .setKernelShape(new Shape(c.kernel(), c.kernel()))
                    .optStride(new Shape(c.stride(), c.stride()))
                    .optPadding(new Shape(c.kernel() / 2, c.kernel() / 2))
                    .optGroups(c.groups())
                    .setFilters(c.out())
                    .optBias(false)
                    .build());
            unit.add(BatchNorm.builder().optEpsilon(BN_EPSILON).optMomentum(0.9f).build());
            unit.add(Activation.reluBlock());
            net.add(unit);
        }
        net.add(Pool.globalAvgPool2dBlock());
        net.add(Blocks.batchFlattenBlock());
        net.add(Linear.builder().setUnits(outputs).build());
        return net;
    }

    /** BatchNorm epsilon, shared with the exporter that folds BatchNorm into the convs. */
    public static final float BN_EPSILON = 1e-5f;
}
