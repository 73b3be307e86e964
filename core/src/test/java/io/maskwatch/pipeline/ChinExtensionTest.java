package io.maskwatch.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.classify.MaskState;
import io.maskwatch.detect.Box;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ChinExtensionTest {

    private static final Box FACE = new Box(10, 20, 110, 220);

    @Test
    void theBottomEdgeMovesByTheBareShareForAnUnmaskedFaceAndUpToBothForAMaskedOne() {
        ChinExtension chin = new ChinExtension(0.02, 0.05);
        assertEquals(new Box(10, 20, 110, 224), chin.extend(FACE, new MaskState(0, 0, 1), 1000));
        assertEquals(new Box(10, 20, 110, 234), chin.extend(FACE, new MaskState(1, 0, 0), 1000));
        // A mask worn below the nose still hides the chin.
        assertEquals(new Box(10, 20, 110, 234), chin.extend(FACE, new MaskState(0, 1, 0), 1000));
        assertEquals(229, chin.extend(FACE, new MaskState(0.3f, 0.2f, 0.5f), 1000).y2(), 1e-4);
    }

    @Test
    void theBoxStaysInsideTheImage() {
        assertEquals(new Box(10, 20, 110, 226), ChinExtension.DEFAULT.extend(FACE, new MaskState(1, 0, 0), 226));
        assertSame(FACE, ChinExtension.DEFAULT.extend(FACE, new MaskState(1, 0, 0), 220));
    }

    @Test
    void noneLeavesTheDetectorsBox() {
        assertSame(FACE, ChinExtension.NONE.extend(FACE, new MaskState(1, 0, 0), 1000));
    }

    @Test
    void sharesAreCheckedUpFront() {
        assertThrows(IllegalArgumentException.class, () -> new ChinExtension(-0.01, 0.05));
        assertThrows(IllegalArgumentException.class, () -> new ChinExtension(0.02, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new ChinExtension(0.3, 0.3));
        assertThrows(IllegalArgumentException.class, () -> new PipelineConfig(OptionalDouble.empty(), 0, null));
    }

    @Test
    void thePipelineExtendsByDefault() {
        assertSame(ChinExtension.DEFAULT, PipelineConfig.DEFAULT.chin());
        assertSame(ChinExtension.DEFAULT, new PipelineConfig(OptionalDouble.of(0.5), 20).chin());
        PipelineConfig plain = PipelineConfig.DEFAULT.withChin(ChinExtension.NONE);
        assertSame(ChinExtension.NONE, plain.chin());
        assertTrue(plain.threshold().isEmpty());
    }
}
