package io.maskwatch.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the store found for one model: the file it would use (if any), whether it was verified,
 * and every place it looked.
 */
public record ModelStatus(ModelEntry entry, Optional<Path> path, State state, String detail, List<Probe> probes) {

    public enum State {
        /** Found, and its SHA-256 matches the manifest (or the project model's .sha256 file). */
        VERIFIED,
        /** Found; a project-built model without a .sha256 file, so there is nothing to check it against. */
        UNCHECKED,
        /** Not found in any folder of the model path. */
        MISSING,
        /** Found only copies that fail verification. */
        CORRUPT;

        public boolean usable() {
            return this == VERIFIED || this == UNCHECKED;
        }

        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One place looked at: the file, the model-path folder's origin, and what was found there. */
    public record Probe(Path file, String origin, String result) {
        @Override
        public String toString() {
            return file + " [" + origin + "]: " + result;
        }
    }

    public ModelStatus {
        probes = List.copyOf(probes);
    }

    public boolean usable() {
        return state.usable();
    }
}
