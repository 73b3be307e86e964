package io.maskwatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Where {@link MultiScaleDetector} runs its detail pass, from the first pass's candidates. */
class DetailRegionTest {

    private static Face face(double x1, double y1, double x2, double y2) {
        return new Face(new Box(x1, y1, x2, y2), 0.9, List.of());
    }

    private static final DetectorConfig C = DetectorConfig.DEFAULT.withDetailTrigger(48);

    @Test
    void onlyAroundSmallFaces() {
        // a 500x400 photo at 640 (x1.28) and 1024 (x2.048): a 200 px face (256 at 640) and two 20 px ones (25.6)
        List<Face> first = List.of(face(100, 100, 300, 300), face(50, 40, 70, 60), face(400, 300, 420, 320));
        // bounding box of the small ones (50,40)-(420,320) grown by 2 x 20 px, clipped to the photo
        assertEquals(new Box(10, 0, 460, 360), MultiScaleDetector.detailRegion(C, first, 1.28, 500, 400));
    }

    @Test
    void skippedWhenAllFacesAreLarge() {
        assertNull(MultiScaleDetector.detailRegion(C, List.of(face(100, 100, 300, 300)), 1.28, 500, 400));
        // 37 px at 1.28 = 47.4 px < 48: runs, grown by 2 x 37 px
        assertEquals(new Box(0, 0, 174, 174),
                MultiScaleDetector.detailRegion(C, List.of(face(63, 63, 100, 100)), 1.28, 500, 400));
    }

    @Test
    void wholePhotoWhenTheFirstPassSaysNothingAboutSmallFaces() {
        Box whole = new Box(0, 0, 4000, 3000);
        // nothing found at all
        assertEquals(whole, MultiScaleDetector.detailRegion(C, List.of(), 0.16, 4000, 3000));
        // the gate turned off
        assertEquals(new Box(0, 0, 500, 400), MultiScaleDetector.detailRegion(C.withDetailTrigger(0),
                List.of(face(100, 100, 300, 300)), 1.28, 500, 400));
    }

    /** A big photo is gated like any other: its large faces alone skip the detail pass, a small one brings it. */
    @Test
    void bigPhotosAreGatedToo() {
        // 4000x3000 at 640 (x0.16): an 800 px face is 128 px there, a 200 px one 32 px
        assertNull(MultiScaleDetector.detailRegion(C, List.of(face(0, 0, 800, 800)), 0.16, 4000, 3000));
        assertEquals(new Box(1600, 1600, 2600, 2600), MultiScaleDetector.detailRegion(C,
                List.of(face(0, 0, 800, 800), face(2000, 2000, 2200, 2200)), 0.16, 4000, 3000));
    }
}
