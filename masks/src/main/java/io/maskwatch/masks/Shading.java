package io.maskwatch.masks;

/**
 * Recolours one sampled template pixel in place: {@code rgb} holds un-premultiplied 0..255 values;
 * (u, v) is where it was sampled, in template pixels (textures are laid out in those).
 */
@FunctionalInterface
public interface Shading {

    Shading ORIGINAL = (u, v, rgb) -> { };

    void apply(double u, double v, float[] rgb);
}
