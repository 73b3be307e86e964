package io.maskwatch.spark;

import io.maskwatch.model.ModelEntry;
import java.io.Serializable;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One model file as the driver found and verified it: what the executors must find under
 * {@code file} (relative to their model folder) with exactly this size and SHA-256.
 */
public record ShippedModel(String id, String file, String sha256, long size) implements Serializable {

    /** The manifest entry executors verify their copy against (offline: they never download). */
    ModelEntry entry() {
        return new ModelEntry(id, file, Optional.of(sha256), OptionalLong.of(size), null, Optional.empty(),
                "shipped by the maskwatch spark driver", "");
    }
}
