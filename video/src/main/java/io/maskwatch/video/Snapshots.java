package io.maskwatch.video;

import io.maskwatch.annotate.FaceBlur;
import io.maskwatch.detect.Box;
import io.maskwatch.image.ImageEncoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The best crop of each alerted person, as JPEG in one folder: {@code SOURCEKEY-trackN.jpg}. "Best" is the frame
 * with the largest face times detection score. Written through a temporary file, so a reader never sees half a JPEG.
 */
final class Snapshots {

    /** A crop kept in memory while its track lives; only written when the track alerts. */
    record Best(BufferedImage crop, Box faceInCrop, double quality) {
    }

    private final Path dir;
    private final FaceBlur.Mode blur;

    Snapshots(Path dir, FaceBlur.Mode blur) {
        this.dir = dir;
        this.blur = blur;
    }

    /** The face with a margin of half its size each side, if better than {@code current}. */
    static Best better(Best current, BufferedImage frame, Box face, double score) {
        double quality = Math.min(face.width(), face.height()) * score;
        if (current != null && current.quality() >= quality) {
            return current;
        }
        int x1 = (int) Math.max(0, Math.floor(face.x1() - face.width() / 2));
        int y1 = (int) Math.max(0, Math.floor(face.y1() - face.height() / 2));
        int x2 = (int) Math.min(frame.getWidth(), Math.ceil(face.x2() + face.width() / 2));
        int y2 = (int) Math.min(frame.getHeight(), Math.ceil(face.y2() + face.height() / 2));
        if (x2 - x1 < 1 || y2 - y1 < 1) {
            return current;
        }
        BufferedImage crop = new BufferedImage(x2 - x1, y2 - y1, BufferedImage.TYPE_3BYTE_BGR);
        crop.getGraphics().drawImage(frame.getSubimage(x1, y1, x2 - x1, y2 - y1), 0, 0, null);
        return new Best(crop, face.transform(1, -x1, -y1), quality);
    }

    /** Writes the snapshot of an alerted (not masked) person; returns its path. */
    Path write(String sourceKey, long track, Best best) throws IOException {
        Files.createDirectories(dir);
        BufferedImage img = best.crop();
        if (blur.blurs(io.maskwatch.pipeline.Label.UNMASKED)) {
            img = copy(img);
            FaceBlur.pixelate(img, List.of(best.faceInCrop()));
        }
        Path target = dir.resolve(sourceKey + "-track" + track + ".jpg");
        return ImageEncoder.write(img, "jpeg", ImageEncoder.DEFAULT_JPEG_QUALITY, target);
    }

    private static BufferedImage copy(BufferedImage src) {
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        out.getGraphics().drawImage(src, 0, 0, null);
        return out;
    }
}
