package io.maskwatch.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.maskwatch.model.SharedFolder;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;

/** The encoder hands the JPEG writer an RGB-ordered copy of a BGR image (RgbOrder): the same file, the image untouched. */
class ImageEncoderTest {

    private static final Path IMAGES = SharedFolder.require().resolve("datasets/reference-photos-validation/images");

    /** What the JDK's writer makes of the image as it is. */
    private static byte[] jdkJpeg(BufferedImage image, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    @Test
    void aBgrPhotoEncodesToTheSameJpegAsTheJdkWriterMakesOfIt() throws IOException {
        List<Path> photos;
        try (var files = Files.list(IMAGES)) {
            photos = files.sorted().limit(12).toList();
        }
        assertEquals(12, photos.size());
        for (Path photo : photos) {
            BufferedImage image = ImageLoader.read(photo);
            assertEquals(BufferedImage.TYPE_3BYTE_BGR, image.getType(), photo.toString());
            byte[] before = ((DataBufferByte) image.getRaster().getDataBuffer()).getData().clone();
            assertArrayEquals(jdkJpeg(image, 0.8f), ImageEncoder.encode(image, "jpeg", 0.8f), photo.toString());
            assertArrayEquals(before, ((DataBufferByte) image.getRaster().getDataBuffer()).getData(),
                    photo + ": the caller's image is not changed");
            // and back: the decoded file is the photo, within JPEG's loss
            BufferedImage again = ImageLoader.read(ImageEncoder.encode(image, "jpeg", 1f), photo.toString());
            assertEquals(image.getWidth(), again.getWidth());
            byte[] a = ((DataBufferByte) again.getRaster().getDataBuffer()).getData();
            double diff = 0;
            for (int i = 0; i < a.length; i++) {
                diff += Math.abs((a[i] & 0xff) - (before[i] & 0xff));
            }
            assertEquals(0, diff / a.length, 2.0, photo + ": mean difference per byte, channels in their places");
        }
    }
}
