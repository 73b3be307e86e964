package io.maskwatch.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DetectorConfigTest {

    @Test
    void rejectsBadValuesWithTheirName() {
        DetectorConfig d = DetectorConfig.DEFAULT;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.withConfidence(1.5)).getMessage()
                .contains("confidence"));
        assertThrows(IllegalArgumentException.class, () -> d.withConfidence(0));
        assertThrows(IllegalArgumentException.class, () -> d.withLongSides(List.of()));
        assertThrows(IllegalArgumentException.class, () -> d.withLongSides(List.of(1280, 640)));
        assertThrows(IllegalArgumentException.class, () -> d.withLongSides(List.of(8)));
        assertThrows(IllegalArgumentException.class, () -> d.withHandoverSize(-1));
        assertThrows(IllegalArgumentException.class, () -> d.withDetailScale(100));
        assertThrows(IllegalArgumentException.class, () -> d.withContainment(0, 4));
        assertThrows(IllegalArgumentException.class, () -> d.withContainment(0.8, 0.5));
    }

    @Test
    void scalesFollowLongSidesWithDetailAndUpscaleLimits() {
        DetectorConfig d = DetectorConfig.DEFAULT.withLongSides(List.of(640, 1280)).withDetailScale(1.0);
        // a 500 px photo: 640 and 1280 long sides
        assertArrayEquals(new double[] {640 / 500.0, 1280 / 500.0}, d.scales(500, 333), 1e-9);
        // a 4000 px photo: 640 long side, then full resolution instead of 1280, or 1920 with that limit
        assertArrayEquals(new double[] {0.16, 1.0}, d.scales(4000, 3000), 1e-9);
        assertArrayEquals(new double[] {0.16, 0.48}, d.withMaxDetailSide(1920).scales(4000, 3000), 1e-9);
        // a 1500 px photo is searched at full size: under the limit
        assertArrayEquals(new double[] {640 / 1500.0, 1.0}, d.withMaxDetailSide(1920).scales(1500, 1000), 1e-9);
        // the limit never takes the pass below its own long side
        assertArrayEquals(new double[] {0.16, 0.32}, d.withMaxDetailSide(800).scales(4000, 3000), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> d.withMaxDetailSide(-1));
        // without the detail rule the second pass shrinks to 1280
        assertArrayEquals(new double[] {0.16, 0.32}, d.withDetailScale(0).scales(4000, 3000), 1e-9);
        // a 20 px image is enlarged at most maxUpscale times, and that only once
        assertArrayEquals(new double[] {d.maxUpscale()}, d.scales(20, 10), 1e-9);
    }

    @Test
    void coarsePassesRunOnlyBelowTheFirstPassScale() {
        DetectorConfig d = DetectorConfig.DEFAULT.withCoarseSides(List.of(224, 320));
        // a 500 px photo: first pass at 640 px, coarse passes at 224 and 320 px
        assertArrayEquals(new double[] {224 / 500.0, 320 / 500.0}, d.coarseScales(500, 333), 1e-9);
        // a 100 px photo: the first pass is enlarged 4x (400 px) and so would be both coarse passes (2.24x, 3.2x)
        assertArrayEquals(new double[] {2.24, 3.2}, d.coarseScales(100, 80), 1e-9);
        // a 20 px image: every pass is capped at 4x, so the coarse passes are not below the first: none
        assertArrayEquals(new double[0], d.coarseScales(20, 10), 1e-9);
        assertArrayEquals(new double[0], d.withCoarseSides(List.of()).coarseScales(500, 333), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> d.withCoarseSides(List.of(8)));
        assertThrows(IllegalArgumentException.class, () -> d.withCoarseSides(null));
    }

    @Test
    void tilesCoverTheLengthWithOverlap() {
        assertArrayEquals(new int[] {0}, MultiScaleDetector.tileStarts(640, 640));
        int[] starts = MultiScaleDetector.tileStarts(2000, 640);
        assertEquals(0, starts[0]);
        assertEquals(2000 - 640, starts[starts.length - 1]);
        for (int i = 1; i < starts.length; i++) {
            assertTrue(starts[i - 1] + 640 - starts[i] >= MultiScaleDetector.TILE_OVERLAP, "overlap");
        }
    }
}
