package io.maskwatch.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import org.junit.jupiter.api.Test;

/**
 * An embedded ICC profile that only restates sRGB is dropped before decoding (it would cost a
 * colour conversion that changes nothing); any other profile is still applied.
 */
class JpegColourProfileTest {

    @Test
    void recognisesSrgbAndNothingElse() {
        assertTrue(IccProfiles.isSrgbEquivalent(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData()));
        assertFalse(IccProfiles.isSrgbEquivalent(ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData()), "linear tone curve");
        assertFalse(IccProfiles.isSrgbEquivalent(ICC_Profile.getInstance(ColorSpace.CS_GRAY).getData()), "grey");
        assertFalse(IccProfiles.isSrgbEquivalent(ICC_Profile.getInstance(ColorSpace.CS_CIEXYZ).getData()));
        assertFalse(IccProfiles.isSrgbEquivalent(new byte[40]));
        byte[] garbage = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        Arrays.fill(garbage, 128, garbage.length, (byte) 0x7F);
        assertFalse(IccProfiles.isSrgbEquivalent(garbage));
    }

    /** 0.jpg carries HP's "sRGB IEC61966-2.1", 102.jpg Facebook's compact "c2": both sRGB. */
    @Test
    void srgbProfilesAreDroppedWithoutChangingAPixel() throws IOException {
        for (String name : new String[] {"0.jpg", "102.jpg"}) {
            byte[] bytes = Files.readAllBytes(TestImages.validationPhoto(name));
            byte[] stripped = JpegSegments.withoutSrgbProfile(bytes);
            assertTrue(stripped.length < bytes.length, name + ": profile not dropped");
            BufferedImage managed = colourManagedDecode(bytes);
            BufferedImage loaded = ImageLoader.read(bytes, name);
            assertTrue(maxDifference(managed, loaded) <= 1, name + ": pixels changed");
        }
    }

    /** 145.jpg carries Adobe RGB (1998): kept, and converted to sRGB. */
    @Test
    void otherProfilesAreStillApplied() throws IOException {
        byte[] bytes = Files.readAllBytes(TestImages.validationPhoto("145.jpg"));
        assertSame(bytes, JpegSegments.withoutSrgbProfile(bytes));
        BufferedImage loaded = ImageLoader.read(bytes, "145.jpg");
        assertEquals(0, maxDifference(colourManagedDecode(bytes), loaded));
        // Without the profile the colours would differ: the conversion really happens.
        byte[] noProfile = stripAllApp2(bytes);
        assertNotSame(bytes, noProfile);
        assertTrue(maxDifference(loaded, ImageLoader.read(noProfile, "145-raw.jpg")) > 10);
    }

    @Test
    void exifStillReadAfterTheProfileIsDropped() throws IOException {
        byte[] bytes = TestImages.withExifOrientation(Files.readAllBytes(TestImages.validationPhoto("102.jpg")), 6, false);
        BufferedImage img = ImageLoader.read(bytes, "rot.jpg");
        BufferedImage plain = ImageLoader.read(TestImages.validationPhoto("102.jpg"));
        assertEquals(plain.getHeight(), img.getWidth());
        assertEquals(plain.getWidth(), img.getHeight());
    }

    private static BufferedImage colourManagedDecode(byte[] bytes) throws IOException {
        try (var in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(bytes))) {
            ImageReader r = ImageIO.getImageReaders(in).next();
            r.setInput(in);
            return ImageLoader.toBgr(r.read(0));
        }
    }

    private static int maxDifference(BufferedImage a, BufferedImage b) {
        byte[] x = ((DataBufferByte) a.getRaster().getDataBuffer()).getData();
        byte[] y = ((DataBufferByte) b.getRaster().getDataBuffer()).getData();
        assertEquals(x.length, y.length);
        int max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs((x[i] & 0xff) - (y[i] & 0xff)));
        }
        return max;
    }

    /** The JPEG without any APP2 segment (test helper: the naive way, marker by marker). */
    private static byte[] stripAllApp2(byte[] b) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(b, 0, 2);
        int i = 2;
        while (i + 4 <= b.length && (b[i] & 0xff) == 0xFF && (b[i + 1] & 0xff) != 0xDA) {
            int len = ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
            if ((b[i + 1] & 0xff) != 0xE2) {
                out.write(b, i, 2 + len);
            }
            i += 2 + len;
        }
        out.write(b, i, b.length - i);
        return out.toByteArray();
    }
}
