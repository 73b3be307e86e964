package io.maskwatch.image;

import java.time.Duration;

/**
 * What {@link ImageLoader} agrees to decode: bounds on memory and time, whatever the file says. The size
 * limits are checked before any pixel is decoded: the file size first, then width × height as declared in the
 * file's header, so that a small file declaring 50,000 × 50,000 pixels (a "decompression bomb") is refused without
 * allocating it. The scan count of a progressive JPEG is counted before decoding too; the deadline bounds the
 * decoding itself (a file can be small, within the pixel limit and still slow to decode).
 *
 * @param maxPixels      largest accepted width × height
 * @param maxFileBytes   largest accepted file size in bytes
 * @param maxJpegScans   largest accepted number of scans (SOS markers) in a JPEG; a progressive JPEG from a camera
 *                       or an encoder has 2 to about 20
 * @param decodeTimeout  longest decoding of one image; beyond it the decoder is stopped and the image refused
 */
public record ImageLimits(long maxPixels, long maxFileBytes, int maxJpegScans, Duration decodeTimeout) {

    public static final int DEFAULT_MAX_JPEG_SCANS = 100;
    public static final Duration DEFAULT_DECODE_TIMEOUT = Duration.ofSeconds(15);

    /** 50 megapixels (an 8000 × 6000 photo fits), 200 MB, 100 JPEG scans, 15 s of decoding. */
    public static final ImageLimits DEFAULT = new ImageLimits(50_000_000L, 200L * 1024 * 1024);

    public ImageLimits {
        if (maxPixels < 1) throw new IllegalArgumentException("max pixels must be >= 1: " + maxPixels);
        if (maxFileBytes < 1) throw new IllegalArgumentException("max file bytes must be >= 1: " + maxFileBytes);
        if (maxJpegScans < 1) throw new IllegalArgumentException("max JPEG scans must be >= 1: " + maxJpegScans);
        if (decodeTimeout == null || decodeTimeout.isNegative() || decodeTimeout.isZero()) {
            throw new IllegalArgumentException("decode timeout must be > 0: " + decodeTimeout);
        }
    }

    /** The size limits with the default scan limit and decode deadline. */
    public ImageLimits(long maxPixels, long maxFileBytes) {
        this(maxPixels, maxFileBytes, DEFAULT_MAX_JPEG_SCANS, DEFAULT_DECODE_TIMEOUT);
    }

    public ImageLimits withMaxPixels(long pixels) {
        return new ImageLimits(pixels, maxFileBytes, maxJpegScans, decodeTimeout);
    }

    public ImageLimits withMaxFileBytes(long bytes) {
        return new ImageLimits(maxPixels, bytes, maxJpegScans, decodeTimeout);
    }

    public ImageLimits withMaxJpegScans(int scans) {
        return new ImageLimits(maxPixels, maxFileBytes, scans, decodeTimeout);
    }

    public ImageLimits withDecodeTimeout(Duration timeout) {
        return new ImageLimits(maxPixels, maxFileBytes, maxJpegScans, timeout);
    }
}
