package io.maskwatch.jpeg;

import java.awt.image.BufferedImage;
import java.io.IOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * JPEG encoding at an explicit quality, shared by the masks generator (crops written to files) and
 * the training augmenter (JPEG artefacts round-tripped in memory).
 */
public final class JpegEncoder {

    private JpegEncoder() {
    }

    /**
     * Encodes {@code img} into {@code out} (which the caller opens and closes).
     *
     * @param quality 0..1, as {@link ImageWriteParam#setCompressionQuality}
     */
    public static void write(BufferedImage img, ImageOutputStream out, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            writer.setOutput(out);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            writer.write(null, new IIOImage(img, null, null), p);
        } finally {
            writer.dispose();
        }
    }
}
