package io.maskwatch.detect;

import io.maskwatch.model.SharedFolder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test-side access to ../shared: model ids to files (until the model store is wired in), datasets. */
final class SharedData {

    private SharedData() {
    }

    static Path root() {
        return SharedFolder.require();
    }

    /** Model id as in models/manifest.json to its file under ../shared/models. */
    static Path model(String id) {
        Path p = switch (id) {
            case "retinaface-mnet025" -> root().resolve("models/retinaface-mnet025/retinaface-mnet025-640.onnx");
            case "yunet-dynamic" -> root().resolve("models/yunet/yunet_n_dynamic.onnx");
            case "yunet-640" -> root().resolve("models/yunet/yunet_n_640_640.onnx");
            // built by the project and committed in models/: found through the model store, as serving finds it
            case OnnxFaceCheck.MODEL_ID, YuNetModel.MASKED_MODEL_ID -> new io.maskwatch.model.ModelStore(
                    io.maskwatch.model.ModelStoreConfig.defaults().withOffline(true)).resolve(id);
            default -> throw new IllegalArgumentException("unknown model id " + id);
        };
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("model " + id + " not found at " + p + " (set -Dmaskwatch.shared)");
        }
        return p;
    }

    static Path dataset(String name) {
        return root().resolve("datasets").resolve(name);
    }
}
