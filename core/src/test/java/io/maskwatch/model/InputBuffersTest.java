package io.maskwatch.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import org.junit.jupiter.api.Test;

class InputBuffersTest {

    @Test
    void aReturnedBufferIsReusedAndConcurrentRunsGetTheirOwn() {
        InputBuffers buffers = new InputBuffers();
        float[] first;
        try (InputBuffers.Input a = buffers.take(100); InputBuffers.Input b = buffers.take(100)) {
            assertNotSame(a.array(), b.array());
            first = a.array();
        }
        try (InputBuffers.Input again = buffers.take(50)) {
            assertTrue(again.array().length >= 100);
            try (InputBuffers.Input other = buffers.take(100)) {
                assertTrue(again.array() == first || other.array() == first, "a returned buffer is taken again");
            }
        }
        try (InputBuffers.Input big = buffers.take(1000)) {
            assertTrue(big.array().length >= 1000, "a buffer too small for the run is not handed out");
        }
    }

    @Test
    void buffersOfHugeTilesAreNotKept() {
        InputBuffers buffers = new InputBuffers();
        float[] huge;
        try (InputBuffers.Input in = buffers.take(InputBuffers.KEEP_MAX + 1)) {
            huge = in.array();
        }
        try (InputBuffers.Input in = buffers.take(10)) {
            assertNotSame(huge, in.array());
        }
        float[] kept;
        try (InputBuffers.Input in = buffers.take(InputBuffers.KEEP_MAX)) {
            kept = in.array();
        }
        try (InputBuffers.Input in = buffers.take(10)) {
            assertSame(kept, in.array());
        }
    }

    @Test
    void theTensorHoldsTheFirstValuesOfTheArrayInItsShape() throws Exception {
        InputBuffers buffers = new InputBuffers();
        try (InputBuffers.Input in = buffers.take(12)) {
            for (int i = 0; i < in.array().length; i++) {
                in.array()[i] = i + 0.5f;
            }
            try (OnnxTensor t = in.tensor(new long[] {1, 2, 2, 2})) {
                assertArrayEquals(new long[] {1, 2, 2, 2}, t.getInfo().getShape());
                float[] values = new float[8];
                t.getFloatBuffer().get(values);
                assertArrayEquals(new float[] {0.5f, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f, 6.5f, 7.5f}, values);
            }
            assertThrows(IllegalArgumentException.class, () -> in.tensor(new long[] {1, 3, 5, 5}));
        }
        assertThrows(IllegalArgumentException.class, () -> buffers.take(0));
    }
}
