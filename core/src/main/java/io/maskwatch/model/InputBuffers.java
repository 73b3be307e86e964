package io.maskwatch.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Reusable input buffers of one model: the float array its pre-processing fills and the direct buffer ONNX
 * Runtime reads without copying. A detector's input is megabytes; allocating both afresh for every photo (and
 * ONNX Runtime copying a heap buffer into a third) cost a quarter of a detect run's page faults and a tenth of its
 * system time (docs/detection.md). One buffer per concurrent run is kept while the model is open; buffers
 * larger than {@link #KEEP_MAX} floats (tiles of very big photos) are left to the collector. Thread-safe.
 */
public final class InputBuffers {

    /** Largest buffer kept for reuse, in floats (24 MiB: a 1024 x 2048 three-channel tensor). */
    public static final int KEEP_MAX = 3 * 1024 * 2048;

    private final Deque<Input> free = new ConcurrentLinkedDeque<>();

    /** A buffer of at least {@code floats} floats, for one run; close it to give it back. */
    public Input take(int floats) {
        if (floats <= 0) {
            throw new IllegalArgumentException("an input of " + floats + " floats");
        }
        Input in = free.pollFirst();
        if (in == null || in.array.length < floats) {
            // a too-small buffer is dropped, not kept: the sizes a model sees settle after a few photos
            in = new Input(floats);
        }
        return in;
    }

    /** One input tensor's memory, taken from and returned to its {@link InputBuffers}. */
    public final class Input implements AutoCloseable {

        private final float[] array;
        private final FloatBuffer direct;

        private Input(int floats) {
            this.array = new float[floats];
            this.direct = ByteBuffer.allocateDirect(4 * floats).order(ByteOrder.nativeOrder()).asFloatBuffer();
        }

        /** The array to fill; it may be longer than asked for and holds the previous run's values. */
        public float[] array() { return array; }

        /**
         * A tensor of the first (product of {@code shape}) floats of the array, copied into the direct buffer;
         * valid until this input is closed, so close the tensor first.
         */
        public OnnxTensor tensor(long[] shape) throws OrtException {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            if (n > array.length) {
                throw new IllegalArgumentException("a tensor of " + n + " floats from a buffer of " + array.length);
            }
            direct.clear();
            direct.put(array, 0, (int) n);
            direct.flip();
            return OnnxTensor.createTensor(OnnxSessions.environment(), direct, shape);
        }

        @Override
        public void close() {
            if (array.length <= KEEP_MAX) {
                free.addFirst(this);
            }
        }
    }
}
