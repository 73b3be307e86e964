package io.maskwatch.image;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The two JPEG header segments the loader cares about: the EXIF orientation (APP1 "Exif"), and an
 * embedded ICC profile (APP2 "ICC_PROFILE") that merely restates sRGB. Most web photos carry such a
 * profile (the HP "sRGB IEC61966-2.1" or Facebook's compact "c2"); the JPEG reader does not
 * recognise them as sRGB and runs a full colour conversion (LCMS) that changes nothing but costs
 * as much as the decoding itself. {@link #withoutSrgbProfile} drops such a profile; any other
 * profile (Adobe RGB, Display P3, CMYK, ...) is kept and converted as before.
 */
final class JpegSegments {

    private static final int APP1 = 0xE1;
    private static final int APP2 = 0xE2;

    /** A header segment: marker, offset of its 0xFF, total length including marker and length bytes. */
    private record Segment(int marker, int offset, int length) {
        int payload() {
            return offset + 4;
        }
    }

    private JpegSegments() {
    }

    /** The EXIF orientation 1..8; 1 when absent or unreadable. */
    static int exifOrientation(byte[] jpeg) {
        for (Segment s : header(jpeg)) {
            if (s.marker() == APP1 && startsWith(jpeg, s.payload(), "Exif\0")) {
                try {
                    // "Exif\0" and a pad byte, then a TIFF structure.
                    int start = s.payload() + 6;
                    int len = s.offset() + s.length() - start;
                    if (len < 8) {
                        continue;
                    }
                    Directory tiff = new TIFFReader().read(new ByteArrayImageInputStream(jpeg, start, len));
                    Entry entry = tiff.getEntryById(TIFF.TAG_ORIENTATION);
                    if (entry != null && entry.getValue() instanceof Number n) {
                        int v = n.intValue();
                        return v >= 1 && v <= 8 ? v : 1;
                    }
                } catch (IOException | RuntimeException e) {
                    // A broken EXIF block never fails a photo: show the pixels as stored.
                }
            }
        }
        return 1;
    }

    /** The JPEG without its ICC profile when that profile is sRGB in all but name; else the same array. */
    static byte[] withoutSrgbProfile(byte[] jpeg) {
        List<Segment> icc = new ArrayList<>();
        Map<Integer, byte[]> chunks = new TreeMap<>();
        for (Segment s : header(jpeg)) {
            if (s.marker() == APP2 && startsWith(jpeg, s.payload(), "ICC_PROFILE\0") && s.length() > 4 + 14) {
                icc.add(s);
                int seq = jpeg[s.payload() + 12] & 0xff;
                int from = s.payload() + 14;
                chunks.put(seq, java.util.Arrays.copyOfRange(jpeg, from, s.offset() + s.length()));
            }
        }
        if (icc.isEmpty()) {
            return jpeg;
        }
        ByteArrayOutputStream profile = new ByteArrayOutputStream();
        chunks.values().forEach(profile::writeBytes);
        if (!IccProfiles.isSrgbEquivalent(profile.toByteArray())) {
            return jpeg;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length);
        int pos = 0;
        for (Segment s : icc) {
            out.write(jpeg, pos, s.offset() - pos);
            pos = s.offset() + s.length();
        }
        out.write(jpeg, pos, jpeg.length - pos);
        return out.toByteArray();
    }

    /**
     * The number of scans (SOS markers) in a JPEG. In entropy-coded data a 0xFF byte is always followed by 0x00 or a
     * restart marker, so every 0xFF 0xDA after the header segments (whose payload, an EXIF thumbnail say, can hold
     * anything) is a real start of scan.
     */
    static int scanCount(byte[] jpeg) {
        List<Segment> h = header(jpeg);
        int start = h.isEmpty() ? 2 : h.get(h.size() - 1).offset() + h.get(h.size() - 1).length();
        int n = 0;
        for (int i = start, end = jpeg.length - 1; i < end; i++) {
            if (jpeg[i] == (byte) 0xFF && jpeg[i + 1] == (byte) 0xDA) {
                n++;
                i++;
            }
        }
        return n;
    }

    /** The segments before the first scan (start of scan or end of image ends the walk). */
    private static List<Segment> header(byte[] b) {
        List<Segment> out = new ArrayList<>();
        int n = b.length;
        if (n < 4 || (b[0] & 0xff) != 0xFF || (b[1] & 0xff) != 0xD8) {
            return out;
        }
        int i = 2;
        while (i + 4 <= n) {
            if ((b[i] & 0xff) != 0xFF) {
                break; // not a marker: leave the rest to the decoder
            }
            int marker = b[i + 1] & 0xff;
            if (marker == 0xFF) {
                i++; // fill byte
                continue;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                i += 2; // markers without a length
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                break;
            }
            int len = ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
            if (len < 2 || i + 2 + len > n) {
                break;
            }
            out.add(new Segment(marker, i, 2 + len));
            i += 2 + len;
        }
        return out;
    }

    private static boolean startsWith(byte[] b, int at, String s) {
        byte[] p = s.getBytes(StandardCharsets.ISO_8859_1);
        if (at + p.length > b.length) {
            return false;
        }
        for (int k = 0; k < p.length; k++) {
            if (b[at + k] != p[k]) {
                return false;
            }
        }
        return true;
    }
}
