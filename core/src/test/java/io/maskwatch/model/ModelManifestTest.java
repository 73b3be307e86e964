package io.maskwatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.model.ModelStoreConfig.ModelDir;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed manifest, the model path order, and manifest parsing errors. */
class ModelManifestTest {

    static final Path SHARED = ModelStoreTest.SHARED;

    @TempDir
    Path tmp;

    @Test
    void manifestNamesTheAgreedModels() {
        assertEquals(List.of("retinaface-mnet025", "yunet-dynamic", "yunet-640", "yunet-masked", "pfld-68", "mask-classifier", "face-check"),
                ModelManifest.builtIn().ids());
        for (ModelEntry e : ModelManifest.builtIn().entries()) {
            if (!e.projectBuilt()) {
                assertTrue(e.url().orElseThrow().toString().startsWith("https://raw.githubusercontent.com/"), e.id());
                assertTrue(e.size().isPresent(), e.id());
            }
        }
    }

    @Test
    void pinnedChecksumsMatchTheSharedModels() throws IOException {
        ModelManifest m = ModelManifest.builtIn();
        for (ModelEntry e : m.entries()) {
            if (e.projectBuilt()) {
                continue;
            }
            Path f = SHARED.resolve("models").resolve(e.file());
            assertTrue(Files.isRegularFile(f), "shared model missing: " + f);
            assertEquals(e.size().getAsLong(), Files.size(f), e.id());
            assertEquals(e.sha256().orElseThrow(), Checksums.compute(f), e.id());
        }
    }

    @Test
    void jarCopyEqualsTheCommittedManifest() throws IOException {
        Path root = ModelStoreConfig.projectRoot(new Properties(), Path.of("").toAbsolutePath()).orElseThrow();
        ModelManifest committed = ModelManifest.read(root.resolve("models/manifest.json"));
        assertEquals(committed.entries(), ModelManifest.builtIn().entries());
        assertEquals(committed.entries(), ModelManifest.load(Optional.of(root)).entries());
    }

    @Test
    void modelPathOrder() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("work/maskwatch"));
        Files.createDirectories(root.resolve("models"));
        Files.copy(ModelStoreConfig.projectRoot(new Properties(), Path.of("").toAbsolutePath()).orElseThrow()
                .resolve("models/manifest.json"), root.resolve("models/manifest.json"));
        Path shared = Files.createDirectories(tmp.resolve("work/shared/models"));
        Path sub = Files.createDirectories(root.resolve("core"));
        Properties sys = new Properties();
        sys.setProperty("user.home", tmp.resolve("home").toString());

        ModelStoreConfig c = ModelStoreConfig.from(List.of(Path.of("flagged")), false,
                Map.of("MASKWATCH_MODEL_PATH", "/opt/a::/opt/b"), sys, sub);

        assertEquals(List.of(
                new ModelDir(sub.resolve("flagged"), "flag"),
                new ModelDir(Path.of("/opt/a"), "MASKWATCH_MODEL_PATH"),
                new ModelDir(Path.of("/opt/b"), "MASKWATCH_MODEL_PATH"),
                new ModelDir(root.resolve("models"), "project"),
                new ModelDir(shared, "shared"),
                new ModelDir(tmp.resolve("home/.cache/maskwatch/models"), "cache")), c.searchPath());
        assertEquals(false, c.offline());

        // XDG cache, offline from the environment, home from -Dmaskwatch.home.
        sys.setProperty("maskwatch.home", root.toString());
        ModelStoreConfig d = ModelStoreConfig.from(List.of(), false,
                Map.of("XDG_CACHE_HOME", "/xdg", "MASKWATCH_OFFLINE", "1"), sys, tmp);
        assertEquals(Path.of("/xdg/maskwatch/models"), d.cacheDir());
        assertEquals(true, d.offline());
        assertEquals(new ModelDir(root.resolve("models"), "project"), d.searchPath().get(0));
        assertEquals(root.resolve("models/manifest.json").toString(), d.manifest().origin());
    }

    @Test
    void badManifestsAreRejectedWithTheirOrigin() {
        ModelException noModels = assertThrows(ModelException.class, () -> parse("{}"));
        assertTrue(noModels.getMessage().contains("test.json: no \"models\""), noModels.getMessage());
        ModelException badHash = assertThrows(ModelException.class,
                () -> parse("{\"models\":{\"x\":{\"file\":\"x.onnx\",\"sha256\":\"abc\"}}}"));
        assertTrue(badHash.getMessage().contains("64 hex digits"), badHash.getMessage());
        ModelException urlWithoutHash = assertThrows(ModelException.class,
                () -> parse("{\"models\":{\"x\":{\"file\":\"x.onnx\",\"url\":\"https://h/x\"}}}"));
        assertTrue(urlWithoutHash.getMessage().contains("a url needs a sha256"), urlWithoutHash.getMessage());
        ModelException escape = assertThrows(ModelException.class,
                () -> parse("{\"models\":{\"x\":{\"file\":\"../x.onnx\"}}}"));
        assertTrue(escape.getMessage().contains("relative path"), escape.getMessage());
        assertThrows(ModelException.class, () -> parse("{not json"));
    }

    private static ModelManifest parse(String json) throws IOException {
        return ModelManifest.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }
}
