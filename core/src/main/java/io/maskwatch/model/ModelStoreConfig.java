package io.maskwatch.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where the model store looks for models, where it downloads them, and whether it may.
 *
 * <p>The model path, first match wins: folders given explicitly (the {@code --model-path} flag),
 * {@code MASKWATCH_MODEL_PATH} (':'-separated), the project's {@code models/}, {@code models/} in the shared
 * folder when present ({@link SharedFolder}: {@code -Dmaskwatch.shared} when set, else {@code ../shared} beside the
 * project), then the download cache ({@code $XDG_CACHE_HOME/maskwatch/models}, else
 * {@code ~/.cache/maskwatch/models}).
 *
 * @param searchPath  folders searched in order (the cache folder is last)
 * @param cacheDir    where missing models are downloaded
 * @param offline     never download; a missing model is an error
 * @param manifest    the known models
 * @param log         where progress and warnings go (stderr by default)
 * @param connectTimeout how long to wait for a download server to connect, to answer, and between two pieces of data
 */
public record ModelStoreConfig(List<ModelDir> searchPath, Path cacheDir, boolean offline, ModelManifest manifest,
                               Consumer<String> log, Duration connectTimeout) {

    public static final String ENV_MODEL_PATH = "MASKWATCH_MODEL_PATH";
    public static final String ENV_OFFLINE = "MASKWATCH_OFFLINE";
    public static final String PROP_HOME = "maskwatch.home";
    public static final String PROP_SHARED = "maskwatch.shared";
    public static final String PROP_OFFLINE = "maskwatch.offline";

    /** One folder of the model path and why it is there ("flag", "MASKWATCH_MODEL_PATH", "project", "shared", "cache"). */
    public record ModelDir(Path dir, String origin) {
        public ModelDir {
            Objects.requireNonNull(dir, "dir");
            Objects.requireNonNull(origin, "origin");
            dir = dir.toAbsolutePath().normalize();
        }
    }

    public ModelStoreConfig {
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout must be > 0: " + connectTimeout);
        }
        cacheDir = cacheDir.toAbsolutePath().normalize();
        searchPath = dedupe(searchPath, cacheDir);
    }

    /** The model path of this process: environment, system properties, working directory. */
    public static ModelStoreConfig defaults() {
        return fromEnvironment(List.of(), false);
    }

    /** The default model path with {@code explicitDirs} first; offline when asked here or by the environment. */
    public static ModelStoreConfig fromEnvironment(List<Path> explicitDirs, boolean offline) {
        return from(explicitDirs, offline, System.getenv(), System.getProperties(), Path.of("").toAbsolutePath());
    }

    /** The default configuration computed from the given environment (testable without touching the real one). */
    public static ModelStoreConfig from(List<Path> explicitDirs, boolean offline, Map<String, String> env,
                                        Properties sys, Path workingDir) {
        List<ModelDir> dirs = new ArrayList<>();
        for (Path p : explicitDirs) {
            dirs.add(new ModelDir(workingDir.resolve(p), "flag"));
        }
        String envPath = env.get(ENV_MODEL_PATH);
        if (envPath != null) {
            for (String part : envPath.split(":")) {
                if (!part.isBlank()) {
                    dirs.add(new ModelDir(workingDir.resolve(part.trim()), ENV_MODEL_PATH));
                }
            }
        }
        Optional<Path> root = projectRoot(sys, workingDir);
        root.ifPresent(r -> dirs.add(new ModelDir(r.resolve("models"), "project")));
        Path cwdModels = workingDir.resolve("models");
        if (Files.isDirectory(cwdModels)) {
            dirs.add(new ModelDir(cwdModels, "working directory"));
        }
        SharedFolder.find(sys, workingDir).map(d -> d.resolve("models"))
                .filter(Files::isDirectory)
                .ifPresent(d -> dirs.add(new ModelDir(d, "shared")));
        Path cache = cacheDir(env, sys);
        boolean off = offline || truthy(env.get(ENV_OFFLINE)) || truthy(sys.getProperty(PROP_OFFLINE));
        return new ModelStoreConfig(dirs, cache, off, ModelManifest.load(root), System.err::println,
                Duration.ofSeconds(30));
    }

    /** {@code -Dmaskwatch.home} (set by the launcher), else the nearest folder at or above {@code workingDir} holding models/manifest.json. */
    public static Optional<Path> projectRoot(Properties sys, Path workingDir) {
        String home = sys.getProperty(PROP_HOME);
        if (home != null && !home.isBlank()) {
            return Optional.of(Path.of(home).toAbsolutePath().normalize());
        }
        for (Path d = workingDir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("models").resolve("manifest.json"))) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** {@code $XDG_CACHE_HOME/maskwatch/models} when set to an absolute path, else {@code ~/.cache/maskwatch/models}. */
    public static Path cacheDir(Map<String, String> env, Properties sys) {
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "maskwatch", "models");
        }
        return Path.of(sys.getProperty("user.home", "."), ".cache", "maskwatch", "models");
    }

    public ModelStoreConfig withOffline(boolean newOffline) {
        return new ModelStoreConfig(searchPath, cacheDir, newOffline, manifest, log, connectTimeout);
    }

    public ModelStoreConfig withManifest(ModelManifest newManifest) {
        return new ModelStoreConfig(searchPath, cacheDir, offline, newManifest, log, connectTimeout);
    }

    public ModelStoreConfig withCacheDir(Path newCacheDir) {
        List<ModelDir> dirs = searchPath.stream().filter(d -> !d.origin().equals("cache")).toList();
        return new ModelStoreConfig(dirs, newCacheDir, offline, manifest, log, connectTimeout);
    }

    public ModelStoreConfig withConnectTimeout(Duration timeout) {
        return new ModelStoreConfig(searchPath, cacheDir, offline, manifest, log, timeout);
    }

    public ModelStoreConfig withLog(Consumer<String> newLog) {
        return new ModelStoreConfig(searchPath, cacheDir, offline, manifest, newLog, connectTimeout);
    }

    private static boolean truthy(String v) {
        return v != null && Set.of("1", "true", "yes", "on").contains(v.trim().toLowerCase(Locale.ROOT));
    }

    /** Drops repeated folders (first one wins) and makes sure the cache folder is searched, last. */
    private static List<ModelDir> dedupe(List<ModelDir> dirs, Path cache) {
        Set<Path> seen = new LinkedHashSet<>();
        List<ModelDir> out = new ArrayList<>();
        for (ModelDir d : dirs) {
            if (!d.dir().equals(cache) && seen.add(d.dir())) {
                out.add(d);
            }
        }
        out.add(new ModelDir(cache, "cache"));
        return List.copyOf(out);
    }
}
