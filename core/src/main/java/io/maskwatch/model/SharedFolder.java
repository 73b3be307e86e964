package io.maskwatch.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The one way to find the shared folder (pretrained models, annotated photos, training material) that lives
 * beside the project as {@code ../shared}: {@code -Dmaskwatch.shared} when set, else {@code shared} next to
 * the project root ({@code -Dmaskwatch.home}, or the folder holding models/manifest.json at or above the
 * working directory).
 */
public final class SharedFolder {

    private SharedFolder() {
    }

    /** The shared folder of this process, if it exists. */
    public static Optional<Path> find() {
        return find(System.getProperties(), Path.of("").toAbsolutePath());
    }

    /** The shared folder for the given system properties and working directory, if it exists. */
    public static Optional<Path> find(Properties sys, Path workingDir) {
        return Optional.of(candidate(sys, workingDir)).filter(Files::isDirectory);
    }

    /** The shared folder; an {@link IllegalStateException} saying where it was looked for when it is missing. */
    public static Path require() {
        Path p = candidate(System.getProperties(), Path.of("").toAbsolutePath());
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("the shared folder is missing: " + p
                    + " (put ../shared beside the project, or set -D" + ModelStoreConfig.PROP_SHARED + "=DIR)");
        }
        return p;
    }

    /** A path inside the shared folder, which must exist (tests and commands that need the data). */
    public static Path require(String relative) {
        Path p = require().resolve(relative);
        if (!Files.exists(p)) {
            throw new IllegalStateException("missing from the shared folder: " + p);
        }
        return p;
    }

    private static Path candidate(Properties sys, Path workingDir) {
        String prop = sys.getProperty(ModelStoreConfig.PROP_SHARED);
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        return ModelStoreConfig.projectRoot(sys, workingDir)
                .map(root -> root.resolveSibling("shared"))
                .orElse(workingDir.resolveSibling("shared"))
                .toAbsolutePath().normalize();
    }
}
