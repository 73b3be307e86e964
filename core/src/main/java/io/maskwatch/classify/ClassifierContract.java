package io.maskwatch.classify;

import io.maskwatch.model.ModelException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Everything a mask classifier file promises to the code that runs it, in one typed object: the crop
 * rule, the graph's input and output names, the class list (the output's columns, in order), the
 * decision threshold on P(masked) and where the model came from. Export writes it into the ONNX
 * file's metadata_props with {@link #toMetadata()}; {@link OnnxMaskClassifier} reads it back with
 * {@link #fromMetadata}. The metadata keys are spelled here and nowhere else.
 *
 * <p>Output: float [N, classes] of probabilities (softmax). A file without {@value #CLASSES} is a
 * two-class model of the first release: output {@value #LEGACY_OUTPUT} [N,1] = P(masked).
 */
public record ClassifierContract(CropSpec crop, String input, String output, List<String> classes, double threshold,
                                 Provenance provenance) {

    /** The classes of the current classifier, in output order. */
    public static final List<String> THREE_CLASSES = List.of("masked", "incorrect", "unmasked");
    /** The default graph names. */
    public static final String INPUT = "input";
    public static final String OUTPUT = "mask_state";
    /** The output of two-class models written before the class list existed. */
    public static final String LEGACY_OUTPUT = "p_masked";

    static final String PREFIX = "maskwatch.";
    static final String EXPAND = PREFIX + "crop.expand";
    static final String SQUARE = PREFIX + "crop.square";
    static final String SIZE = PREFIX + "crop.size";
    static final String MEAN = PREFIX + "crop.mean";
    static final String STD = PREFIX + "crop.std";
    static final String THRESHOLD = PREFIX + "threshold";
    static final String CLASSES = PREFIX + "classes";
    static final String INPUT_NAME = PREFIX + "input";
    static final String OUTPUT_NAME = PREFIX + "output";
    static final String SEED = PREFIX + "seed";
    static final String EPOCHS = PREFIX + "epochs";
    static final String BEST_EPOCH = PREFIX + "best_epoch";
    static final String SPLIT_SEED = PREFIX + "split_seed";
    static final String DATA = PREFIX + "data";
    static final String GIT_COMMIT = PREFIX + "git_commit";
    static final String TRAINED_AT = PREFIX + "trained_at";

    /** The keys every classifier carries (the rest are provenance, optional). */
    static final List<String> REQUIRED = List.of(EXPAND, SQUARE, SIZE, MEAN, STD, THRESHOLD);

    /**
     * How the model was made. Fields unknown for a file are empty strings / -1.
     *
     * @param seed       training seed
     * @param epochs     epochs trained
     * @param bestEpoch  the epoch whose weights were kept
     * @param splitSeed  seed of the train / held-out split
     * @param data       the data sources and their counts, one line
     * @param gitCommit  commit of the code that trained it ("unknown" outside a git checkout)
     * @param trainedAt  ISO-8601 instant
     */
    public record Provenance(long seed, int epochs, int bestEpoch, long splitSeed, String data, String gitCommit,
                             String trainedAt) {

        public static final Provenance UNKNOWN = new Provenance(-1, -1, -1, -1, "", "", "");

        public Provenance {
            data = data == null ? "" : data;
            gitCommit = gitCommit == null ? "" : gitCommit;
            trainedAt = trainedAt == null ? "" : trainedAt;
        }
    }

    public ClassifierContract {
        if (crop == null) throw new IllegalArgumentException("crop spec is required");
        if (input == null || input.isBlank() || output == null || output.isBlank()) {
            throw new IllegalArgumentException("input and output names are required");
        }
        classes = List.copyOf(classes);
        if (classes.size() < 2 || !classes.get(0).equals("masked") || new TreeSet<>(classes).size() != classes.size()) {
            throw new IllegalArgumentException("classes must start with 'masked' and be distinct, are " + classes);
        }
        for (String c : classes) {
            if (!THREE_CLASSES.contains(c)) {
                throw new IllegalArgumentException("unknown class '" + c + "' (known: " + THREE_CLASSES + ")");
            }
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], is " + threshold);
        }
        provenance = provenance == null ? Provenance.UNKNOWN : provenance;
    }

    /** A three-class classifier with the default graph names. */
    public static ClassifierContract threeClass(CropSpec crop, double threshold, Provenance provenance) {
        return new ClassifierContract(crop, INPUT, OUTPUT, THREE_CLASSES, threshold, provenance);
    }

    public ClassifierContract withThreshold(double t) {
        return new ClassifierContract(crop, input, output, classes, t, provenance);
    }

    /** True when the output is one column, P(masked) (the first release's two-class model). */
    public boolean singleColumn() {
        return classes.size() == 2 && output.equals(LEGACY_OUTPUT);
    }

    /** Columns of the output tensor. */
    public int outputColumns() {
        return singleColumn() ? 1 : classes.size();
    }

    /** The metadata_props that carry this contract (what export writes). */
    public Map<String, String> toMetadata() {
        Map<String, String> m = cropMetadata(crop);
        m.put(THRESHOLD, String.format(Locale.ROOT, "%.4f", threshold));
        m.put(CLASSES, String.join(",", classes));
        m.put(INPUT_NAME, input);
        m.put(OUTPUT_NAME, output);
        m.putAll(provenanceMetadata(provenance));
        return m;
    }

    /** The metadata_props of a crop rule (read back by {@link #cropSpec}); the face check's model carries them too. */
    public static Map<String, String> cropMetadata(CropSpec crop) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(EXPAND, Double.toString(crop.expand()));
        m.put(SQUARE, Boolean.toString(crop.square()));
        m.put(SIZE, Integer.toString(crop.size()));
        m.put(MEAN, Float.toString(crop.mean()));
        m.put(STD, Float.toString(crop.std()));
        return m;
    }

    /** The metadata_props of a trained model's provenance (the values that are known). */
    public static Map<String, String> provenanceMetadata(Provenance p) {
        Map<String, String> m = new LinkedHashMap<>();
        if (p.seed() >= 0) m.put(SEED, Long.toString(p.seed()));
        if (p.epochs() >= 0) m.put(EPOCHS, Integer.toString(p.epochs()));
        if (p.bestEpoch() >= 0) m.put(BEST_EPOCH, Integer.toString(p.bestEpoch()));
        if (p.splitSeed() >= 0) m.put(SPLIT_SEED, Long.toString(p.splitSeed()));
        if (!p.data().isEmpty()) m.put(DATA, p.data());
        if (!p.gitCommit().isEmpty()) m.put(GIT_COMMIT, p.gitCommit());
        if (!p.trainedAt().isEmpty()) m.put(TRAINED_AT, p.trainedAt());
        return m;
    }

    /**
     * The contract recorded in a model's metadata_props.
     *
     * @throws ModelException naming the file and the key when a required key is missing or malformed
     */
    public static ClassifierContract fromMetadata(Path model, Map<String, String> metadata) {
        CropSpec crop = cropSpec(model, metadata);
        double threshold = number(model, metadata, THRESHOLD);
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new ModelException(model + ": " + THRESHOLD + " must be in [0, 1], is " + threshold);
        }
        String cls = metadata.get(CLASSES);
        List<String> classes = cls == null || cls.isBlank() ? List.of("masked", "unmasked")
                : List.of(cls.replace(" ", "").split(","));
        String legacyOut = cls == null || cls.isBlank() ? LEGACY_OUTPUT : OUTPUT;
        String input = metadata.getOrDefault(INPUT_NAME, INPUT);
        String output = metadata.getOrDefault(OUTPUT_NAME, legacyOut);
        Provenance p = new Provenance(whole(metadata, SEED), (int) whole(metadata, EPOCHS), (int) whole(metadata, BEST_EPOCH),
                whole(metadata, SPLIT_SEED), metadata.get(DATA), metadata.get(GIT_COMMIT), metadata.get(TRAINED_AT));
        try {
            return new ClassifierContract(crop, input, output, classes, threshold, p);
        } catch (IllegalArgumentException e) {
            throw new ModelException(model + ": bad classifier metadata: " + e.getMessage(), e);
        }
    }

    /** The crop rule recorded in a classifier's metadata_props. */
    public static CropSpec cropSpec(Path model, Map<String, String> metadata) {
        String square = required(model, metadata, SQUARE).trim().toLowerCase(Locale.ROOT);
        if (!square.equals("true") && !square.equals("false")) {
            throw new ModelException(model + ": " + SQUARE + " must be true or false, is '" + square + "'");
        }
        double size = number(model, metadata, SIZE);
        if (size != Math.rint(size)) {
            throw new ModelException(model + ": " + SIZE + " must be a whole number, is " + size);
        }
        try {
            return new CropSpec(number(model, metadata, EXPAND), square.equals("true"), (int) size,
                    (float) number(model, metadata, MEAN), (float) number(model, metadata, STD));
        } catch (IllegalArgumentException e) {
            throw new ModelException(model + ": bad crop metadata: " + e.getMessage(), e);
        }
    }

    private static long whole(Map<String, String> metadata, String key) {
        String v = metadata.get(key);
        if (v == null) return -1;
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1; // provenance is informative only
        }
    }

    private static String required(Path model, Map<String, String> metadata, String key) {
        String v = metadata.get(key);
        if (v == null || v.isBlank()) {
            throw new ModelException(model + ": ONNX metadata_props lack '" + key + "'; a maskwatch mask classifier carries "
                    + String.join(", ", REQUIRED) + " (written by `maskwatch train`); this file has "
                    + new TreeSet<>(metadata.keySet()));
        }
        return v;
    }

    /** A number; per-channel lists ("0.5,0.5,0.5") are accepted when all channels agree, as CropSpec has one value. */
    private static double number(Path model, Map<String, String> metadata, String key) {
        String v = required(model, metadata, key).trim();
        try {
            String[] parts = v.replaceAll("[\\[\\]\\s]", "").split(",");
            double first = Double.parseDouble(parts[0]);
            for (String p : parts) {
                if (Double.parseDouble(p) != first) {
                    throw new ModelException(model + ": " + key + " = '" + v + "': per-channel values must be equal");
                }
            }
            return first;
        } catch (NumberFormatException e) {
            throw new ModelException(model + ": " + key + " = '" + v + "' is not a number", e);
        }
    }
}
