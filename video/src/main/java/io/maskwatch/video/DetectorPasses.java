package io.maskwatch.video;

import io.maskwatch.detect.DetectorConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The detector passes for video ({@code --passes}): "photo" keeps the photo default (640 px and a full-resolution
 * detail pass, best for small faces, several times the cost), or a list of long sides such as "640" (one pass:
 * faces from about 20 px of a 720p frame, fast enough to follow a camera live on two cores).
 */
public final class DetectorPasses {

    private DetectorPasses() {
    }

    public static DetectorConfig parse(String s) {
        if (s.equalsIgnoreCase("photo")) {
            return DetectorConfig.DEFAULT;
        }
        List<Integer> sides = new ArrayList<>();
        for (String p : s.split(",")) {
            try {
                int v = Integer.parseInt(p.trim());
                if (v < 32 || v > 8192) {
                    throw new NumberFormatException();
                }
                sides.add(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--passes must be 'photo' or long sides in pixels (32-8192) like 640 or 640,1280, got '" + s + "'");
            }
        }
        return DetectorConfig.DEFAULT.withLongSides(List.copyOf(sides)).withDetailScale(0);
    }
}
