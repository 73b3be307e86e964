package io.maskwatch.masks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Makes the random choices for one face from a seeded {@link Random}: method, template, colour or
 * texture. Real masks come in every colour, so most MaskTheFace masks are recoloured (named colours
 * such as pink and yellow, random colours) or filled with a fabric pattern; the template's own
 * shading (pleats, folds) is kept by scaling the new colour with the template's luminance.
 */
public final class MaskDesigner {

    /** Probability of the reference method (the rest is MaskTheFace). */
    public static final double P_REFERENCE = 0.3;
    /** Above this |yaw| (degrees) the MaskTheFace side-view template is used. */
    public static final double SIDE_VIEW_YAW = 13;

    record Named(String name, int r, int g, int b) { }

    static final List<Named> PALETTE = List.of(
            new Named("pink", 255, 105, 180), new Named("light_pink", 255, 182, 193),
            new Named("yellow", 255, 215, 40), new Named("red", 200, 30, 40), new Named("orange", 250, 130, 20),
            new Named("purple", 120, 60, 160), new Named("lavender", 190, 160, 225), new Named("navy", 30, 40, 90),
            new Named("black", 28, 28, 30), new Named("white", 245, 245, 245), new Named("grey", 130, 130, 135),
            new Named("beige", 225, 205, 175), new Named("light_blue", 150, 200, 240), new Named("teal", 0, 130, 130),
            new Named("green", 60, 140, 70), new Named("mint", 160, 230, 200), new Named("brown", 110, 70, 40),
            new Named("maroon", 110, 20, 45), new Named("khaki", 180, 170, 120), new Named("cyan", 60, 200, 220));

    private final TemplateLibrary library;

    public MaskDesigner(TemplateLibrary library) {
        this.library = library;
    }

    /**
     * Chooses and places a mask for one face.
     *
     * @param light brightness of the surroundings (mean luminance 0..255 of the region around the face),
     *              so that a white mask is not glowing in a dark photo
     */
    public MaskDesign design(Random rnd, Landmarks68 lm, double light) {
        return design(rnd, lm, light, lm);
    }

    /**
     * Chooses a mask from the face's own landmarks {@code lm} (the side-view template follows its yaw)
     * and places it on {@code placeOn}: the same face's points moved for a wrongly worn mask
     * ({@link MaskPlacement#misplaced}). The same seed gives the same template and colour as
     * {@link #design(Random, Landmarks68, double)}.
     */
    public MaskDesign design(Random rnd, Landmarks68 lm, double light, Landmarks68 placeOn) {
        // Draw every random number in the same order whatever the branch, so one choice never shifts another.
        double methodDraw = rnd.nextDouble();
        double familyDraw = rnd.nextDouble();
        double colourKindDraw = rnd.nextDouble();
        double colourDraw = rnd.nextDouble();
        float hue = rnd.nextFloat();
        float sat = rnd.nextFloat();
        float bri = rnd.nextFloat();
        double texDraw = rnd.nextDouble();
        double texRepeats = 1.0 + 2.0 * rnd.nextDouble();
        double texOffX = rnd.nextDouble();
        double texOffY = rnd.nextDouble();
        double lightJitter = 0.92 + 0.12 * rnd.nextDouble();

        float lightFactor = (float) (Math.max(0.6, Math.min(1.0, light / 125.0)) * lightJitter);
        boolean useReference = !library.reference().isEmpty()
                && (library.maskTheFace().isEmpty() || methodDraw < P_REFERENCE);
        if (useReference) {
            List<MaskTemplate> refs = library.reference();
            MaskTemplate t = refs.get(Math.min(refs.size() - 1, (int) (familyDraw * refs.size())));
            Shading s = scaled(Shading.ORIGINAL, lightFactor);
            return new MaskDesign("reference", t.name(), "original", s, MaskPlacement.reference(placeOn, t));
        }
        List<String> families = weightedFamilies();
        String family = families.get(Math.min(families.size() - 1, (int) (familyDraw * families.size())));
        MaskTemplate t = variant(family, lm.yawDegrees());
        String colouring;
        Shading shading;
        double refLum = Math.max(t.meanLuminance(), 40);
        if (colourKindDraw < 0.25 || family.startsWith("gas")) {
            colouring = "original";
            shading = Shading.ORIGINAL;
        } else if (colourKindDraw < 0.6 || library.textures().isEmpty()) {
            int[] c;
            if (colourDraw < 0.35) {
                int rgb = java.awt.Color.HSBtoRGB(hue, 0.25f + 0.75f * sat, 0.25f + 0.75f * bri);
                c = new int[] {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
                colouring = "random:" + hex(c);
            } else {
                Named n = PALETTE.get(Math.min(PALETTE.size() - 1, (int) (hue * PALETTE.size())));
                c = new int[] {n.r, n.g, n.b};
                colouring = "solid:" + n.name + ":" + hex(c);
            }
            shading = solid(c, refLum);
        } else {
            List<Texture> tex = library.textures();
            Texture x = tex.get(Math.min(tex.size() - 1, (int) (texDraw * tex.size())));
            colouring = "texture:" + x.name();
            // The pattern repeats 1–3 times across the mask's width.
            double scale = texRepeats * x.width() / t.width();
            shading = texture(x, scale, texOffX * x.width(), texOffY * x.height(), refLum);
        }
        return new MaskDesign("masktheface", t.name(), colouring, scaled(shading, lightFactor),
                List.of(MaskPlacement.maskTheFace(placeOn, t)));
    }

    /** The MaskTheFace families, gas masks at half the weight of the others (they are rare in photos). */
    private List<String> weightedFamilies() {
        List<String> out = new ArrayList<>();
        for (String f : library.families()) {
            out.add(f);
            if (!f.equals("gas")) {
                out.add(f);
            }
        }
        return out;
    }

    /** The side-view template for a turned head when the library has one. */
    MaskTemplate variant(String family, double yaw) {
        String name = family;
        if (yaw < -SIDE_VIEW_YAW) {
            name = family + "_left";
        } else if (yaw > SIDE_VIEW_YAW) {
            name = family + "_right";
        }
        MaskTemplate t = library.maskTheFace().get(name);
        return t != null ? t : library.maskTheFace().get(family);
    }

    static Shading solid(int[] c, double refLum) {
        return (u, v, rgb) -> {
            float shade = shade(rgb, refLum);
            rgb[0] = c[0] * shade;
            rgb[1] = c[1] * shade;
            rgb[2] = c[2] * shade;
        };
    }

    static Shading texture(Texture tex, double scale, double ox, double oy, double refLum) {
        return (u, v, rgb) -> {
            float shade = shade(rgb, refLum);
            tex.sample(u * scale + ox, v * scale + oy, rgb);
            rgb[0] *= shade;
            rgb[1] *= shade;
            rgb[2] *= shade;
        };
    }

    /** The template's relative brightness at this pixel (its folds and shadows), about 1 on average. */
    private static float shade(float[] rgb, double refLum) {
        double l = MaskTemplate.luminance(rgb[0], rgb[1], rgb[2]) / refLum;
        return (float) Math.max(0.2, Math.min(1.2, l));
    }

    static Shading scaled(Shading inner, float factor) {
        return (u, v, rgb) -> {
            inner.apply(u, v, rgb);
            rgb[0] *= factor;
            rgb[1] *= factor;
            rgb[2] *= factor;
        };
    }

    static String hex(int[] c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c[0], c[1], c[2]);
    }
}
