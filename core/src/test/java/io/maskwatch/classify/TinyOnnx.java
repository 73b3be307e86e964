package io.maskwatch.classify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a tiny but real ONNX classifier for tests, encoding the protobuf by hand (core has no ONNX
 * protobuf classes): p = sigmoid(gain * mean(input)) over all channels and pixels of each crop,
 * so the expected output can be computed from the same tensor in Java.
 */
final class TinyOnnx {

    private TinyOnnx() {
    }

    /**
     * @param inputName   graph input name ("input" for a valid classifier)
     * @param outputName  graph output name ("p_masked")
     * @param size        spatial size in the input shape (-1: symbolic)
     * @param gain        multiplier before the sigmoid
     * @param metadata    metadata_props
     */
    static Path write(Path file, String inputName, String outputName, int size, float gain, Map<String, String> metadata)
            throws IOException {
        Proto graph = new Proto();
        // mean over C,H,W -> [N,1,1,1]
        graph.message(1, node("ReduceMean", new String[] {inputName}, "m",
                new Proto().string(1, "axes").varint(20, 7).varint(8, 1).varint(8, 2).varint(8, 3),
                new Proto().string(1, "keepdims").varint(20, 2).varint(3, 1)));
        graph.message(1, node("Flatten", new String[] {"m"}, "f", new Proto().string(1, "axis").varint(20, 2).varint(3, 1)));
        graph.message(1, node("Mul", new String[] {"f", "gain"}, "g"));
        graph.message(1, node("Sigmoid", new String[] {"g"}, outputName));
        graph.string(2, "tiny-classifier");
        // initializer "gain": float scalar of shape [1]
        byte[] raw = new byte[4];
        int bits = Float.floatToIntBits(gain);
        for (int i = 0; i < 4; i++) {
            raw[i] = (byte) (bits >>> (8 * i));
        }
        graph.message(5, new Proto().varint(1, 1).varint(2, 1).string(8, "gain").bytes(9, raw));
        graph.message(11, valueInfo(inputName, "N", 3, size, size));
        graph.message(12, valueInfo(outputName, "N", 1));

        Proto model = new Proto().varint(1, 8).string(2, "maskwatch-test");
        model.message(8, new Proto().string(1, "").varint(2, 13));
        model.message(7, graph);
        metadata.forEach((k, v) -> model.message(14, new Proto().string(1, k).string(2, v)));
        Files.write(file, model.bytes());
        return file;
    }

    private static Proto node(String op, String[] inputs, String output, Proto... attributes) {
        Proto n = new Proto();
        for (String i : inputs) {
            n.string(1, i);
        }
        n.string(2, output).string(3, output + "_node").string(4, op);
        for (Proto a : attributes) {
            n.message(5, a);
        }
        return n;
    }

    /** A float tensor value: first dimension symbolic, then fixed sizes (a negative size is symbolic too). */
    private static Proto valueInfo(String name, String batch, int... dims) {
        Proto shape = new Proto().message(1, new Proto().string(2, batch));
        int k = 0;
        for (int d : dims) {
            shape.message(1, d < 0 ? new Proto().string(2, "d" + k++) : new Proto().varint(1, d));
        }
        Proto tensor = new Proto().varint(1, 1).message(2, shape);
        return new Proto().string(1, name).message(2, new Proto().message(1, tensor));
    }

    /** The few protobuf wire types an ONNX model needs. */
    static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long v) {
            key(field, 0);
            raw(v);
            return this;
        }

        Proto bytes(int field, byte[] b) {
            key(field, 2);
            raw(b.length);
            out.writeBytes(b);
            return this;
        }

        Proto string(int field, String s) {
            return bytes(field, s.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, Proto m) {
            return bytes(field, m.bytes());
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void key(int field, int wire) {
            raw(((long) field << 3) | wire);
        }

        private void raw(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }
    }
}
