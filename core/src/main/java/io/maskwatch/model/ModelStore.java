package io.maskwatch.model;

import io.maskwatch.model.ModelStatus.Probe;
import io.maskwatch.model.ModelStatus.State;
import io.maskwatch.model.ModelStoreConfig.ModelDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds model files on the model path, verifies them against the manifest, and downloads missing
 * ones into the cache folder (unless offline). Thread-safe; one store serves the whole process.
 *
 * <pre>{@code
 * ModelStore store = ModelStore.defaults();
 * Path retina = store.resolve("retinaface-mnet025");
 * }</pre>
 */
public final class ModelStore {

    private final ModelStoreConfig config;
    private final Checksums checksums;
    private final ConcurrentHashMap<String, Object> fetchLocks = new ConcurrentHashMap<>();
    private volatile ModelFetcher fetcher;

    public ModelStore(ModelStoreConfig config) {
        this.config = config;
        this.checksums = new Checksums(Optional.of(config.cacheDir().resolve(".checksums.properties")));
    }

    /** The store of this process: default model path, manifest and cache. */
    public static ModelStore defaults() {
        return new ModelStore(ModelStoreConfig.defaults());
    }

    public ModelStoreConfig config() {
        return config;
    }

    public ModelManifest manifest() {
        return config.manifest();
    }

    /**
     * The verified file of model {@code modelId}: the first good copy on the model path, else (when
     * online and the manifest gives a URL) a fresh download into the cache folder.
     *
     * @throws ModelException when the id is unknown or no good copy can be had; the message lists
     *         every place looked at and how to get the model
     */
    public Path resolve(String modelId) {
        ModelStatus status = status(modelId);
        if (status.usable()) {
            return status.path().orElseThrow();
        }
        ModelEntry entry = status.entry();
        if (entry.url().isEmpty() || config.offline()) {
            throw new ModelException(notFound(status));
        }
        try {
            return download(entry, false);
        } catch (ModelException e) {
            throw new ModelException(e.getMessage() + "\n" + notFound(status), e);
        }
    }

    /** Looks for model {@code modelId} and verifies what it finds; never downloads. */
    public ModelStatus status(String modelId) {
        ModelEntry entry = manifest().get(modelId);
        List<Probe> probes = new ArrayList<>();
        String firstCorrupt = null;
        for (ModelDir dir : config.searchPath()) {
            Path file = dir.dir().resolve(entry.file());
            if (!Files.isRegularFile(file)) {
                probes.add(new Probe(file, dir.origin(), "missing"));
                continue;
            }
            Check check = verify(entry, file);
            probes.add(new Probe(file, dir.origin(), check.detail()));
            if (check.state().usable()) {
                return new ModelStatus(entry, Optional.of(file), check.state(), check.detail(), probes);
            }
            config.log().accept("maskwatch: warning: model " + modelId + " at " + file + " is damaged (" + check.detail()
                    + "); ignoring it");
            if (firstCorrupt == null) {
                firstCorrupt = file + ": " + check.detail();
            }
        }
        return firstCorrupt == null
                ? new ModelStatus(entry, Optional.empty(), State.MISSING, "not found", probes)
                : new ModelStatus(entry, Optional.empty(), State.CORRUPT, firstCorrupt, probes);
    }

    /** {@link #status} of every model in the manifest. */
    public List<ModelStatus> statusAll() {
        return manifest().ids().stream().map(this::status).toList();
    }

    /**
     * Makes sure model {@code modelId} is available, downloading it into the cache folder when no good
     * copy is on the model path, or always when {@code force}. Refused when offline.
     */
    public Path fetch(String modelId, boolean force) {
        ModelEntry entry = manifest().get(modelId);
        if (!force) {
            ModelStatus status = status(modelId);
            if (status.usable()) {
                return status.path().orElseThrow();
            }
        }
        if (entry.url().isEmpty()) {
            throw new ModelException("model " + modelId + " has no download URL: " + entry.source()
                    + ". " + projectBuiltHint(entry));
        }
        if (config.offline()) {
            throw new ModelException("model " + modelId + ": not fetching, offline mode is on (--offline or "
                    + ModelStoreConfig.ENV_OFFLINE + "). Download " + entry.url().get() + " (sha256 "
                    + entry.sha256().orElseThrow() + ") to " + cacheTarget(entry));
        }
        return download(entry, force);
    }

    /** Where a download of {@code entry} goes. */
    public Path cacheTarget(ModelEntry entry) {
        return config.cacheDir().resolve(entry.file());
    }

    private Path download(ModelEntry entry, boolean force) {
        Object lock = fetchLocks.computeIfAbsent(entry.id(), k -> new Object());
        synchronized (lock) {
            Path target = cacheTarget(entry);
            // Another thread may have fetched it while this one waited.
            if (!force && Files.isRegularFile(target) && verify(entry, target).state() == State.VERIFIED) {
                return target;
            }
            fetcher().fetch(entry.id(), entry.url().orElseThrow(), entry.sha256().orElseThrow(), entry.size(), target);
            return target;
        }
    }

    private ModelFetcher fetcher() {
        ModelFetcher f = fetcher;
        if (f == null) {
            synchronized (this) {
                if (fetcher == null) {
                    fetcher = new ModelFetcher(config.connectTimeout(), config.log());
                }
                f = fetcher;
            }
        }
        return f;
    }

    private record Check(State state, String detail) {
    }

    private Check verify(ModelEntry entry, Path file) {
        try {
            long size = Files.size(file);
            if (size == 0) {
                return new Check(State.CORRUPT, "empty file");
            }
            if (entry.size().isPresent() && size != entry.size().getAsLong()) {
                return new Check(State.CORRUPT, "size " + size + " bytes, expected " + entry.size().getAsLong());
            }
            Optional<String> expected = entry.sha256().isPresent() ? entry.sha256() : Checksums.readSidecar(file);
            if (expected.isEmpty()) {
                return new Check(State.UNCHECKED, "found, no checksum to verify against (no "
                        + Checksums.sidecar(file).getFileName() + ")");
            }
            String actual = checksums.sha256(file);
            if (!actual.equals(expected.get())) {
                return new Check(State.CORRUPT, "sha256 " + actual + ", expected " + expected.get()
                        + (entry.sha256().isPresent() ? "" : " (from " + Checksums.sidecar(file).getFileName() + ")"));
            }
            return new Check(State.VERIFIED, "verified sha256 " + actual.substring(0, 12) + "...");
        } catch (IOException e) {
            return new Check(State.CORRUPT, "cannot read: " + e.getMessage());
        }
    }

    private String notFound(ModelStatus status) {
        ModelEntry e = status.entry();
        StringBuilder sb = new StringBuilder();
        sb.append("model ").append(e.id()).append(" (").append(e.file()).append(") ")
                .append(status.state() == State.CORRUPT ? "is damaged everywhere it was found" : "was not found")
                .append(". Looked in:");
        for (Probe p : status.probes()) {
            sb.append("\n  ").append(p);
        }
        sb.append("\nTo get it: ");
        if (e.url().isPresent()) {
            if (config.offline()) {
                sb.append("offline mode is on, so it was not downloaded. Run `maskwatch models fetch ").append(e.id())
                        .append("` without --offline, or ");
            } else {
                sb.append("run `maskwatch models fetch ").append(e.id()).append("`, or ");
            }
            sb.append("download ").append(e.url().get()).append(" (sha256 ").append(e.sha256().orElseThrow())
                    .append(") to ").append(cacheTarget(e))
                    .append(", or put a folder holding ").append(e.file()).append(" on ")
                    .append(ModelStoreConfig.ENV_MODEL_PATH).append(" or --model-path.");
        } else {
            sb.append(projectBuiltHint(e));
        }
        return sb.toString();
    }

    private static String projectBuiltHint(ModelEntry e) {
        return "it is not downloadable: it comes with the project (models/" + e.file()
                + " in the repository; restore it with `git checkout -- models/" + e.file()
                + "`). Source: " + e.source() + ". Or put a folder holding " + e.file() + " on "
                + ModelStoreConfig.ENV_MODEL_PATH + " or --model-path.";
    }
}
