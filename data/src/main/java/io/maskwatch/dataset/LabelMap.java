package io.maskwatch.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps the label names written in annotation files to {@link FaceClass}, case-insensitively, and
 * says how {@link FaceClass#INCORRECT} counts in binary (masked / unmasked) metrics.
 *
 * <p>Defaults: {@code with_mask}, {@code masked}, {@code mask} → masked; {@code without_mask},
 * {@code no_mask}, {@code not_masked}, {@code unmasked} → unmasked; {@code mask_weared_incorrect}
 * → incorrect, which counts as unmasked.
 *
 * <p>A labels file ({@link #load(Path)}) adds to or overrides the defaults, one {@code label = class}
 * per line (class: masked, unmasked or incorrect), {@code #} starts a comment, and the reserved key
 * {@code incorrect_counts_as = masked|unmasked} sets how incorrect faces count.
 */
public record LabelMap(Map<String, FaceClass> labels, FaceClass incorrectCountsAs) {

    /** The reserved key of a labels file that sets {@link #incorrectCountsAs()}. */
    public static final String INCORRECT_COUNTS_AS = "incorrect_counts_as";

    public static final LabelMap DEFAULT = new LabelMap(defaults(), FaceClass.UNMASKED);

    public LabelMap {
        if (incorrectCountsAs == FaceClass.INCORRECT || incorrectCountsAs == null) {
            throw new IllegalArgumentException("incorrect faces must count as masked or unmasked, not " + incorrectCountsAs);
        }
        Map<String, FaceClass> m = new LinkedHashMap<>();
        labels.forEach((k, v) -> m.put(normalise(k), v));
        if (m.containsKey("")) {
            throw new IllegalArgumentException("empty label name");
        }
        labels = Collections.unmodifiableMap(m);
    }

    private static Map<String, FaceClass> defaults() {
        Map<String, FaceClass> m = new LinkedHashMap<>();
        for (String s : List.of("with_mask", "masked", "mask")) {
            m.put(s, FaceClass.MASKED);
        }
        for (String s : List.of("without_mask", "no_mask", "not_masked", "unmasked")) {
            m.put(s, FaceClass.UNMASKED);
        }
        m.put("mask_weared_incorrect", FaceClass.INCORRECT);
        return m;
    }

    /** The class of a raw label, empty when the label is unknown. */
    public Optional<FaceClass> classOf(String rawLabel) {
        return Optional.ofNullable(labels.get(normalise(rawLabel)));
    }

    /** Whether faces of this class count as masked (the positive class) in binary metrics. */
    public boolean countsAsMasked(FaceClass cls) {
        return (cls == FaceClass.INCORRECT ? incorrectCountsAs : cls) == FaceClass.MASKED;
    }

    /** A copy where incorrect faces count as the given class. */
    public LabelMap withIncorrectCountingAs(FaceClass cls) {
        return new LabelMap(labels, cls);
    }

    /** The defaults plus the entries of a labels file (see the class comment). Errors name the file and line. */
    public static LabelMap load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read labels file: " + e.getMessage(), e);
        }
        Map<String, FaceClass> m = new LinkedHashMap<>(DEFAULT.labels);
        FaceClass incorrect = DEFAULT.incorrectCountsAs;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=') >= 0 ? line.indexOf('=') : line.indexOf(':');
            String where = file + ":" + (i + 1) + ": ";
            if (eq <= 0) {
                throw new DatasetException(where + "expected 'label = masked|unmasked|incorrect', got '" + line.trim() + "'");
            }
            String key = normalise(line.substring(0, eq));
            FaceClass cls;
            try {
                cls = FaceClass.parse(line.substring(eq + 1));
            } catch (IllegalArgumentException e) {
                throw new DatasetException(where + e.getMessage());
            }
            if (key.equals(INCORRECT_COUNTS_AS)) {
                if (cls == FaceClass.INCORRECT) {
                    throw new DatasetException(where + INCORRECT_COUNTS_AS + " must be masked or unmasked");
                }
                incorrect = cls;
            } else if (key.isEmpty()) {
                throw new DatasetException(where + "empty label name");
            } else {
                m.put(key, cls);
            }
        }
        return new LabelMap(m, incorrect);
    }

    static String normalise(String label) {
        return label.trim().toLowerCase(Locale.ROOT);
    }
}
