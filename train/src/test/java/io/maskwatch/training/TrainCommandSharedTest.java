package io.maskwatch.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.detect.YuNetModel;
import io.maskwatch.model.ModelStore;
import io.maskwatch.model.ModelStoreConfig;
import io.maskwatch.model.ModelStoreConfig.ModelDir;
import io.maskwatch.model.SharedFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `maskwatch train --shared DIR` reads the face detector from DIR/models, not from the default shared folder. */
class TrainCommandSharedTest {

    @TempDir
    Path tmp;

    @Test
    void detectorIsReadFromTheGivenSharedFolder() throws IOException {
        String file = "yunet/yunet_n_dynamic.onnx";
        Path shared = tmp.resolve("shared");
        Path copy = Files.createDirectories(shared.resolve("models/yunet")).resolve("yunet_n_dynamic.onnx");
        Files.copy(SharedFolder.require("models/" + file), copy);

        ModelStoreConfig c = TrainCommand.detectorModels(shared);
        Path realShared = SharedFolder.require().resolve("models").toAbsolutePath().normalize();
        assertTrue(c.searchPath().contains(new ModelDir(shared.resolve("models"), "shared")), c.searchPath().toString());
        assertTrue(c.searchPath().stream().noneMatch(d -> d.dir().equals(realShared)), c.searchPath().toString());
        // a cache of our own: the store remembers checksums there, and the user's cache may hold a YuNet too
        ModelStore store = new ModelStore(c.withCacheDir(tmp.resolve("cache")).withOffline(true));
        assertEquals(copy.toAbsolutePath().normalize(), store.resolve(YuNetModel.MODEL_ID).toAbsolutePath().normalize());
    }
}
