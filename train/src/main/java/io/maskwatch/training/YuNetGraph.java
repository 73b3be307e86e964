package io.maskwatch.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.maskwatch.detect.YuNetDecoder;
import io.maskwatch.export.OnnxExporter;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * YuNet's ONNX graph run as DJL operations, so that its weights can be trained on PyTorch, and written back into the
 * same graph. YuNet-n is a plain stack: convolutions (batch norm already folded in), ReLU, 2x2 max pooling, a 2x
 * nearest upsampling and additions, then per stride one convolution for each head; the head outputs are only
 * transposed, reshaped and (cls, obj) passed through a sigmoid, which {@link #forward} leaves out: it returns the raw
 * maps. Exporting replaces the convolution weights of the original file and keeps everything else, so the result is
 * read by {@link io.maskwatch.detect.YuNetModel} and {@link YuNetDecoder} exactly as the original is.
 */
public final class YuNetGraph {

    /** The heads, in the order {@link #forward} returns them for each stride. */
    public static final List<String> HEADS = List.of("cls_", "obj_", "bbox_", "kps_");
    public static final int CLS = 0;
    public static final int OBJ = 1;
    public static final int BBOX = 2;
    public static final int KPS = 3;

    private static final Set<String> LAYERS = Set.of("Conv", "Relu", "MaxPool", "Resize", "Add");
    /** What lies between a head's convolution and its output. */
    private static final Set<String> FORMATTING = Set.of("Transpose", "Reshape", "Sigmoid", "Flatten");

    private final Path file;
    private final ModelProto model;
    private final List<NodeProto> layers = new ArrayList<>();
    /** Convolution weights and biases by initializer name, in graph order. */
    private final Map<String, float[]> weights = new LinkedHashMap<>();
    private final Map<String, long[]> shapes = new HashMap<>();
    private final String[][] heads = new String[YuNetDecoder.strides().length][HEADS.size()];

    private YuNetGraph(Path file, ModelProto model) {
        this.file = file;
        this.model = model;
        GraphProto g = model.getGraph();
        Map<String, TensorProto> init = new HashMap<>();
        for (TensorProto t : g.getInitializerList()) init.put(t.getName(), t);
        Map<String, NodeProto> producer = new HashMap<>();
        Set<String> computed = new java.util.HashSet<>();
        computed.add(g.getInput(0).getName());
        for (NodeProto n : g.getNodeList()) {
            for (String o : n.getOutputList()) producer.put(o, n);
            // the rest (Shape, Gather, Concat...) only computes sizes for the dynamic reshapes and resizes
            if (!LAYERS.contains(n.getOpType())) continue;
            int tensors = n.getOpType().equals("Add") ? 2 : 1;
            for (int i = 0; i < tensors; i++) {
                if (!computed.contains(n.getInput(i))) {
                    throw new IllegalArgumentException(file + ": not a YuNet-n graph: " + n.getOpType() + " " + n.getName()
                            + " reads " + n.getInput(i) + ", which no convolution, pooling or addition computes");
                }
            }
            if (n.getOpType().equals("Resize") && !attribute(n, "mode").equals("nearest")) {
                throw new IllegalArgumentException(file + ": Resize " + n.getName() + " is not nearest-neighbour");
            }
            computed.addAll(n.getOutputList());
            layers.add(n);
            if (!n.getOpType().equals("Conv")) continue;
            for (int i = 1; i < n.getInputCount(); i++) {
                TensorProto t = init.get(n.getInput(i));
                if (t == null || t.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
                    throw new IllegalArgumentException(file + ": convolution " + n.getName() + " input " + n.getInput(i)
                            + " is not a float initializer");
                }
                weights.put(t.getName(), floats(t));
                shapes.put(t.getName(), t.getDimsList().stream().mapToLong(Long::longValue).toArray());
            }
        }
        int[] strides = YuNetDecoder.strides();
        for (int l = 0; l < strides.length; l++) {
            for (int h = 0; h < HEADS.size(); h++) {
                String name = HEADS.get(h) + strides[l];
                NodeProto n = producer.get(name);
                while (n != null && FORMATTING.contains(n.getOpType())) n = producer.get(n.getInput(0));
                if (n == null || !n.getOpType().equals("Conv")) {
                    throw new IllegalArgumentException(file + ": not a YuNet-n graph: output " + name + " does not come from a convolution");
                }
                heads[l][h] = n.getOutput(0);
            }
        }
    }

    /** Reads a YuNet-n ONNX file; IllegalArgumentException when the graph holds anything else. */
    public static YuNetGraph read(Path file) throws IOException {
        return new YuNetGraph(file, ModelProto.parseFrom(Files.readAllBytes(file)));
    }

    public Path file() {
        return file;
    }

    /** Number of trainable values (convolution weights and biases). */
    public long parameterCount() {
        return weights.values().stream().mapToLong(a -> a.length).sum();
    }

    /** The file's weights as arrays of {@code manager}, by initializer name. */
    public Map<String, NDArray> weights(NDManager manager) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        weights.forEach((name, values) -> out.put(name, manager.create(values, new Shape(shapes.get(name)))));
        return out;
    }

    /**
     * Runs the graph on a BGR 0..255 input [N, 3, H, W] (H, W multiples of 32).
     *
     * @return per stride (8, 16, 32) the raw head maps: cls and obj logits [N, 1, h, w], bbox [N, 4, h, w], kps [N, 10, h, w]
     */
    public NDArray[][] forward(NDArray input, Map<String, NDArray> w) {
        Map<String, NDArray> values = new HashMap<>();
        values.put(model.getGraph().getInput(0).getName(), input);
        for (NodeProto n : layers) {
            NDArray in = values.get(n.getInput(0));
            NDArray out = switch (n.getOpType()) {
                case "Conv" -> {
                    long[] pads = ints(n, "pads");
                    yield Conv2d.conv2d(in, w.get(n.getInput(1)), w.get(n.getInput(2)), new Shape(ints(n, "strides")),
                            new Shape(pads[0], pads[1]), new Shape(1, 1), (int) integer(n, "group")).singletonOrThrow();
                }
                case "Relu" -> Activation.relu(in);
                case "MaxPool" -> Pool.maxPool2d(in, new Shape(ints(n, "kernel_shape")), new Shape(ints(n, "strides")),
                        new Shape(0, 0), false);
                // YuNet's only Resize doubles a map for the pyramid, nearest neighbour: each value repeated
                case "Resize" -> in.repeat(2, 2).repeat(3, 2);
                case "Add" -> in.add(values.get(n.getInput(1)));
                default -> throw new IllegalStateException(n.getOpType());
            };
            values.put(n.getOutput(0), out);
        }
        NDArray[][] out = new NDArray[heads.length][HEADS.size()];
        for (int l = 0; l < heads.length; l++) {
            for (int h = 0; h < HEADS.size(); h++) out[l][h] = values.get(heads[l][h]);
        }
        return out;
    }

    /** The original file with {@code trained}'s values in place of its weights (same graph, names and metadata). */
    public ModelProto withWeights(Map<String, NDArray> trained, Map<String, String> metadata) {
        ModelProto.Builder b = model.toBuilder();
        GraphProto.Builder g = b.getGraphBuilder();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            TensorProto t = g.getInitializer(i);
            NDArray a = trained.get(t.getName());
            if (a == null) continue;
            float[] f = a.toFloatArray();
            if (f.length != weights.get(t.getName()).length) {
                throw new IllegalArgumentException(t.getName() + ": " + f.length + " values, the graph needs " + weights.get(t.getName()).length);
            }
            g.setInitializer(i, OnnxExporter.tensor(t.getName(), f, shapes.get(t.getName())));
        }
        b.clearMetadataProps();
        metadata.forEach((k, v) -> b.addMetadataProps(ai.onnx.proto.OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return b.build();
    }

    private static float[] floats(TensorProto t) {
        if (!t.getRawData().isEmpty()) {
            FloatBuffer fb = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            float[] f = new float[fb.remaining()];
            fb.get(f);
            return f;
        }
        float[] f = new float[t.getFloatDataCount()];
        for (int i = 0; i < f.length; i++) f[i] = t.getFloatData(i);
        return f;
    }

    private static long[] ints(NodeProto n, String name) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(name)) return a.getIntsList().stream().mapToLong(Long::longValue).toArray();
        }
        throw new IllegalArgumentException(n.getOpType() + " " + n.getName() + ": attribute " + name + " missing");
    }

    private static String attribute(NodeProto n, String name) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(name)) return a.getS().toStringUtf8();
        }
        return "";
    }

    private static long integer(NodeProto n, String name) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(name)) return a.getI();
        }
        return 1;
    }
}
