package io.maskwatch.model;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * One model of the manifest. {@code file} is relative to each folder of the model path.
 * A pinned model has a {@code sha256} (and usually a size and a download URL); a model built by
 * this project has none and is checked against the {@code <file>.sha256} file written beside it
 * at export (see {@link Checksums#writeSidecar}).
 */
public record ModelEntry(String id, String file, Optional<String> sha256, OptionalLong size, String licence,
                         Optional<URI> url, String source, String description) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public ModelEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(file, "file");
        if (id.isBlank()) throw new IllegalArgumentException("model id is blank");
        if (file.isBlank() || file.startsWith("/") || file.contains("\\") || file.contains("..")) {
            throw new IllegalArgumentException("model '" + id + "': file must be a relative path without '..': " + file);
        }
        sha256 = sha256.map(s -> s.toLowerCase(java.util.Locale.ROOT));
        if (sha256.isPresent() && !HEX64.matcher(sha256.get()).matches()) {
            throw new IllegalArgumentException("model '" + id + "': sha256 must be 64 hex digits: " + sha256.get());
        }
        if (size.isPresent() && size.getAsLong() <= 0) {
            throw new IllegalArgumentException("model '" + id + "': size must be > 0: " + size.getAsLong());
        }
        if (url.isPresent() && sha256.isEmpty()) {
            // Never download something we cannot check.
            throw new IllegalArgumentException("model '" + id + "': a url needs a sha256");
        }
        if (url.isPresent() && !url.get().isAbsolute()) {
            throw new IllegalArgumentException("model '" + id + "': url must be absolute: " + url.get());
        }
        licence = licence == null ? "unknown" : licence;
        source = source == null ? "" : source;
        description = description == null ? "" : description;
    }

    /** A model built by this project: no pinned checksum, verified against its {@code .sha256} side file. */
    public boolean projectBuilt() {
        return sha256.isEmpty();
    }

    /** This entry with another URL (tests and mirrors). */
    public ModelEntry withUrl(URI newUrl) {
        return new ModelEntry(id, file, sha256, size, licence, Optional.of(newUrl), source, description);
    }
}
