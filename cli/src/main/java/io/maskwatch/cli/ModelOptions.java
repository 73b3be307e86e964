package io.maskwatch.cli;

import io.maskwatch.model.ModelManifest;
import io.maskwatch.model.ModelStore;
import io.maskwatch.model.ModelStoreConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The model-store options every command that loads models shares ({@code @Mixin ModelOptions models;}):
 * where to look for models and whether they may be downloaded.
 */
public final class ModelOptions {

    @Option(names = "--model-path", paramLabel = "DIR", split = ":",
            description = "Folder(s) searched for models before the defaults (repeat or separate with ':').")
    List<Path> modelPath = new ArrayList<>();

    @Option(names = "--offline",
            description = "Never download a model; a missing one is an error (also MASKWATCH_OFFLINE=1).")
    boolean offline;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Where downloaded models go (default: maskwatch/models in the user cache, $XDG_CACHE_HOME or "
                    + "~/.cache).")
    Path cacheDir;

    @Option(names = "--manifest", paramLabel = "FILE",
            description = "Use this model manifest instead of the project's models/manifest.json (e.g. a mirror's URLs).")
    Path manifest;

    /** The store configured from these options and the environment; progress and warnings go to {@code err}. */
    public ModelStore store(PrintWriter err) {
        ModelStoreConfig c = ModelStoreConfig.fromEnvironment(modelPath, offline);
        if (cacheDir != null) {
            c = c.withCacheDir(cacheDir);
        }
        if (manifest != null) {
            c = c.withManifest(ModelManifest.read(manifest));
        }
        return new ModelStore(c.withLog(line -> {
            err.println(line);
            err.flush();
        }));
    }
}
