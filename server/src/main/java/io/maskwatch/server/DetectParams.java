package io.maskwatch.server;

import io.maskwatch.pipeline.PipelineConfig;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The query parameters of {@code POST /api/v1/detect}, validated before the body is read: {@code annotated},
 * {@code threshold} (P(masked) at or above it means masked, 0..1) and {@code min_face} (pixels). Any other name,
 * a repeated name or a value out of range is a 400, so that a typo is never silently ignored.
 */
record DetectParams(boolean annotated, OptionalDouble threshold, OptionalDouble minFace) {

    static final List<String> NAMES = List.of("annotated", "threshold", "min_face");

    static DetectParams parse(Map<String, List<String>> query) {
        for (String name : query.keySet()) {
            if (!NAMES.contains(name)) {
                throw new ApiException(400, "unknown query parameter '" + name + "'; known: " + String.join(", ", NAMES));
            }
            if (query.get(name).size() > 1) {
                throw new ApiException(400, "query parameter '" + name + "' given more than once");
            }
        }
        boolean annotated = bool(one(query, "annotated"));
        OptionalDouble threshold = number(query, "threshold", 0, 1);
        OptionalDouble minFace = number(query, "min_face", 0, 100_000);
        return new DetectParams(annotated, threshold, minFace);
    }

    /** The server's pipeline settings with this request's overrides. */
    PipelineConfig apply(PipelineConfig base) {
        return new PipelineConfig(threshold.isPresent() ? threshold : base.threshold(),
                minFace.isPresent() ? minFace.getAsDouble() : base.minFace(), base.chin(), base.maskedBoxWeight());
    }

    boolean overrides() {
        return threshold.isPresent() || minFace.isPresent();
    }

    private static String one(Map<String, List<String>> query, String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static boolean bool(String v) {
        if (v == null || v.equalsIgnoreCase("false") || v.equals("0") || v.equalsIgnoreCase("no")) return false;
        if (v.isEmpty() || v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("yes")) return true;
        throw new ApiException(400, "annotated must be true or false, got '" + v + "'");
    }

    private static OptionalDouble number(Map<String, List<String>> query, String name, double min, double max) {
        String v = one(query, name);
        if (v == null) return OptionalDouble.empty();
        double d;
        try {
            d = Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new ApiException(400, name + " must be a number in [" + fmt(min) + ", " + fmt(max) + "], got '" + v + "'");
        }
        if (!(d >= min && d <= max)) {
            throw new ApiException(400, name + " must be in [" + fmt(min) + ", " + fmt(max) + "], got " + v.strip());
        }
        return OptionalDouble.of(d);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
