package io.maskwatch.image;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Reads photos into TYPE_3BYTE_BGR images, the one layout every model here starts from.
 * (First version: plain ImageIO; EXIF orientation, pixel limits and the error messages of
 * bad files are added in {@code image}.)
 */
public final class ImageLoader {

    private ImageLoader() {
    }

    public static BufferedImage read(Path file) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new IOException(file + ": not a supported image");
        }
        return toBgr(img);
    }

    /** The image as TYPE_3BYTE_BGR (alpha dropped onto white? no: onto black, as most readers do). */
    public static BufferedImage toBgr(BufferedImage img) {
        if (img.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            return img;
        }
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.drawImage(img, 0, 0, null);
        g.dispose();
        return out;
    }
}
