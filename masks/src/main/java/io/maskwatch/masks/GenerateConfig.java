package io.maskwatch.masks;

import java.nio.file.Path;

/**
 * Settings of one {@code masks generate} run, validated up front.
 *
 * @param faces       folder of unmasked face photos (searched recursively, sorted by path)
 * @param templates   folder laid out like {@code ../shared/datasets/mask-templates}
 * @param out         output folder (created)
 * @param seed        run seed; each face's choices come from (seed, face index)
 * @param limit       at most this many photos (the first in sorted order); 0 = all
 * @param threads     worker threads
 * @param cropExpand  side of the written region = cropExpand × the face box's longer side, centred, clipped to the photo
 * @param maxCropSide written crops are shrunk so that their longer side is at most this
 * @param minFace     faces smaller than this ({@link io.maskwatch.detect.Box#size()}, the shorter side, px) are skipped
 * @param jpegQuality 0..1
 */
public record GenerateConfig(Path faces, Path templates, Path out, long seed, int limit, int threads,
                             double cropExpand, int maxCropSide, double minFace, float jpegQuality) {

    public static final long DEFAULT_SEED = 42;

    public GenerateConfig {
        if (faces == null || templates == null || out == null) {
            throw new IllegalArgumentException("faces, templates and out folders are required");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0 (0 = all): " + limit);
        }
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads must be in [1, 256]: " + threads);
        }
        if (!(cropExpand >= 1 && cropExpand <= 4)) {
            throw new IllegalArgumentException("crop expand must be in [1, 4]: " + cropExpand);
        }
        if (maxCropSide < 32) {
            throw new IllegalArgumentException("max crop side must be >= 32: " + maxCropSide);
        }
        if (!(minFace >= 8)) {
            throw new IllegalArgumentException("min face must be >= 8 px: " + minFace);
        }
        if (!(jpegQuality > 0 && jpegQuality <= 1)) {
            throw new IllegalArgumentException("JPEG quality must be in (0, 1]: " + jpegQuality);
        }
    }

    /** Defaults: box × 2 crops of at most 384 px, faces of 32 px and up, JPEG quality 0.92. */
    public static GenerateConfig of(Path faces, Path templates, Path out, long seed, int limit, int threads) {
        return new GenerateConfig(faces, templates, out, seed, limit, threads, 2.0, 384, 32, 0.92f);
    }

    /**
     * The seed of face number {@code index}: a SplitMix64 mix of the run seed and the index, so
     * every face has its own stream whatever order the threads take the faces in.
     */
    public static long faceSeed(long seed, int index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
