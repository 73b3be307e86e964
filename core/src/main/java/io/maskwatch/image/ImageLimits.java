package io.maskwatch.image;

/**
 * What {@link ImageLoader} agrees to decode. Both limits are checked before any pixel is decoded:
 * the file size first, then width × height as declared in the file's header, so that a small file
 * declaring 50,000 × 50,000 pixels (a "decompression bomb") is refused without allocating it.
 *
 * @param maxPixels    largest accepted width × height
 * @param maxFileBytes largest accepted file size in bytes
 */
public record ImageLimits(long maxPixels, long maxFileBytes) {

    /** 50 megapixels (an 8000 × 6000 photo fits) and 200 MB. */
    public static final ImageLimits DEFAULT = new ImageLimits(50_000_000L, 200L * 1024 * 1024);

    public ImageLimits {
        if (maxPixels < 1) throw new IllegalArgumentException("max pixels must be >= 1: " + maxPixels);
        if (maxFileBytes < 1) throw new IllegalArgumentException("max file bytes must be >= 1: " + maxFileBytes);
    }

    public ImageLimits withMaxPixels(long pixels) {
        return new ImageLimits(pixels, maxFileBytes);
    }

    public ImageLimits withMaxFileBytes(long bytes) {
        return new ImageLimits(maxPixels, bytes);
    }
}
