package io.maskwatch.masks;

import java.util.List;

/**
 * The choices made for one face: placement method ("reference" or "masktheface"), template name,
 * colouring as recorded in the manifest ("original", "solid:pink:#ff69b4", "random:#a1b2c3",
 * "texture:floral/floral_3.jpg") and the transforms that draw it.
 */
public record MaskDesign(String method, String template, String colouring, Shading shading,
                         List<MaskPlacement.Draw> draws) {

    public MaskDesign {
        draws = List.copyOf(draws);
    }
}
