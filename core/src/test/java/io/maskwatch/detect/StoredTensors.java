package io.maskwatch.detect;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.nio.file.Files;
import java.io.OutputStream;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Model outputs stored as small test resources, so that the decoders are tested without a model. Sparse: only
 * the cells (anchors, priors) a predicate keeps are stored, every other cell gets a fill value that decodes to
 * "no face" (score 0); the decoders skip such cells, so decoding the stored tensors gives the same faces as
 * decoding the full ones above the stored score floor.
 */
final class StoredTensors {

    private static final int MAGIC = 0x4d575431; // "MWT1"

    /** A tensor: {@code perCell} values for each of its cells, {@code fill} for the cells not stored. */
    record Tensor(String name, int cells, int perCell, float[] fill, FloatBuffer values) {
    }

    /** What the tensors came from, the model's input size, and the outputs by name. */
    record Stored(String source, int inputWidth, int inputHeight, Map<String, FloatBuffer> outputs) {
    }

    private StoredTensors() {
    }

    static void write(OutputStream os, String source, int inputWidth, int inputHeight, List<Tensor> tensors,
                      Map<String, IntPredicate> keep) throws IOException {
        DataOutputStream out = new DataOutputStream(os);
        out.writeInt(MAGIC);
        out.writeUTF(source);
        out.writeInt(inputWidth);
        out.writeInt(inputHeight);
        out.writeInt(tensors.size());
        for (Tensor t : tensors) {
            out.writeUTF(t.name());
            out.writeInt(t.cells());
            out.writeInt(t.perCell());
            for (float f : t.fill()) {
                out.writeFloat(f);
            }
            IntPredicate k = keep.get(t.name());
            int[] kept = java.util.stream.IntStream.range(0, t.cells()).filter(k).toArray();
            out.writeInt(kept.length);
            for (int c : kept) {
                out.writeInt(c);
                for (int j = 0; j < t.perCell(); j++) {
                    out.writeFloat(t.values().get(c * t.perCell() + j));
                }
            }
        }
        out.flush();
    }

    static Stored read(InputStream is) throws IOException {
        DataInputStream in = new DataInputStream(is);
        if (in.readInt() != MAGIC) {
            throw new IOException("not a stored-tensors file");
        }
        String source = in.readUTF();
        int w = in.readInt();
        int h = in.readInt();
        int n = in.readInt();
        Map<String, FloatBuffer> outputs = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            int cells = in.readInt();
            int per = in.readInt();
            float[] fill = new float[per];
            for (int j = 0; j < per; j++) {
                fill[j] = in.readFloat();
            }
            float[] values = new float[cells * per];
            for (int c = 0; c < cells; c++) {
                System.arraycopy(fill, 0, values, c * per, per);
            }
            int kept = in.readInt();
            for (int k = 0; k < kept; k++) {
                int c = in.readInt();
                for (int j = 0; j < per; j++) {
                    values[c * per + j] = in.readFloat();
                }
            }
            outputs.put(name, FloatBuffer.wrap(values));
        }
        return new Stored(source, w, h, outputs);
    }

    /** The tensors stored in {@code file}. */
    static Stored read(Path file) throws IOException {
        try (InputStream is = Files.newInputStream(file)) {
            return read(is);
        }
    }

    static float[] fill(int perCell, float... first) {
        return Arrays.copyOf(first, perCell);
    }
}
