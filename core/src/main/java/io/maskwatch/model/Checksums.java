package io.maskwatch.model;

import io.maskwatch.files.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * SHA-256 of model files, remembered per file (absolute path + size + modification time) in a small
 * properties file so that a model is not re-hashed on every start. A file that changes gets a new
 * size or time and is hashed again.
 */
public final class Checksums {

    /** Suffix of the side file holding a project-built model's checksum. */
    public static final String SIDECAR_SUFFIX = ".sha256";

    private final Optional<Path> cacheFile;
    private final Properties known = new Properties();
    private boolean loaded;

    /** @param cacheFile where remembered checksums are kept; empty keeps them in memory only */
    public Checksums(Optional<Path> cacheFile) {
        this.cacheFile = cacheFile;
    }

    /** The file's SHA-256 as lower-case hex, from the cache when the file is unchanged. */
    public synchronized String sha256(Path file) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        BasicFileAttributes a = Files.readAttributes(abs, BasicFileAttributes.class);
        String stamp = a.size() + " " + a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        load();
        String hit = known.getProperty(abs.toString());
        if (hit != null && hit.startsWith(stamp + " ")) {
            return hit.substring(stamp.length() + 1);
        }
        String hash = compute(abs);
        known.setProperty(abs.toString(), stamp + " " + hash);
        save();
        return hash;
    }

    /** Hashes a file without the cache. */
    public static String compute(Path file) throws IOException {
        MessageDigest md = newDigest();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The side file of a project-built model: {@code <model>.sha256}. */
    public static Path sidecar(Path model) {
        return model.resolveSibling(model.getFileName() + SIDECAR_SUFFIX);
    }

    /**
     * Writes {@code <model>.sha256} ("hex  name", as sha256sum prints it). The training export calls
     * this right after writing a model, so the model store can tell a damaged file from a retrained one.
     */
    public static String writeSidecar(Path model) throws IOException {
        String hash = compute(model);
        Path side = sidecar(model);
        AtomicFiles.writeString(side, hash + "  " + model.getFileName() + "\n");
        return hash;
    }

    /** The checksum recorded in {@code <model>.sha256}, if that file exists. */
    public static Optional<String> readSidecar(Path model) throws IOException {
        Path side = sidecar(model);
        if (!Files.isRegularFile(side)) {
            return Optional.empty();
        }
        String text = Files.readString(side, StandardCharsets.UTF_8).trim();
        String hex = text.split("\\s+", 2)[0].toLowerCase(java.util.Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IOException(side + ": not a SHA-256 checksum file");
        }
        return Optional.of(hex);
    }

    private void load() {
        if (loaded || cacheFile.isEmpty()) {
            loaded = true;
            return;
        }
        loaded = true;
        if (Files.isRegularFile(cacheFile.get())) {
            try (Reader r = Files.newBufferedReader(cacheFile.get(), StandardCharsets.UTF_8)) {
                known.load(r);
            } catch (IOException | IllegalArgumentException e) {
                known.clear(); // a damaged cache only costs a re-hash
            }
        }
    }

    private void save() {
        if (cacheFile.isEmpty()) {
            return;
        }
        Path file = cacheFile.get().toAbsolutePath();
        try {
            AtomicFiles.write(file, out -> known.store(out, "maskwatch: SHA-256 of model files, keyed by path (size, mtime in ns, hash)"));
        } catch (IOException e) {
            // Read-only home or full disk: the cache is an optimisation, carry on without it.
        }
    }
}
