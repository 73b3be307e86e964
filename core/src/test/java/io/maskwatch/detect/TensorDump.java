package io.maskwatch.detect;

import ai.onnxruntime.OrtSession;
import io.maskwatch.image.ImageLoader;
import io.maskwatch.model.InputBuffers;
import java.io.OutputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Writes YuNet's and RetinaFace's raw outputs on one reference photo (8.jpg, one masked face), cells scoring at
 * least 0.05, read from ../shared: {@link DecoderTest} decodes them with the pure decoders. Also runnable by hand
 * (argument: a folder) to look at the tensors.
 */
public final class TensorDump {

    static final String PHOTO = "8.jpg";
    static final double YUNET_SCALE = 0.64;
    static final float FLOOR = 0.05f;

    private TensorDump() {
    }

    public static void main(String[] args) throws Exception {
        dump(Path.of(args[0]));
        System.out.println("wrote " + args[0]);
    }

    /** Writes yunet-8.tensors and retinaface-8.tensors into {@code dir}. */
    static void dump(Path dir) throws Exception {
        Files.createDirectories(dir);
        ImageTensor px = ImageTensor.of(ImageLoader.read(
                SharedData.dataset("reference-photos-validation").resolve("images").resolve(PHOTO)));
        try (YuNetModel m = new YuNetModel(SharedData.model(YuNetModel.MODEL_ID), 1)) {
            int tw = (int) Math.round(px.width() * YUNET_SCALE);
            int th = (int) Math.round(px.height() * YUNET_SCALE);
            int w = YuNetModel.aligned(tw);
            int h = YuNetModel.aligned(th);
            try (InputBuffers.Input input = m.buffers().take(3 * w * h)) {
                px.fill(input.array(), w, h, YUNET_SCALE, 0, 0, tw, th, new float[3], 0f);
                try (OrtSession.Result r = m.run(input, w, h)) {
                    Map<String, FloatBuffer> out = m.outputs(r);
                    List<StoredTensors.Tensor> tensors = new ArrayList<>();
                    Map<String, IntPredicate> keep = new HashMap<>();
                    for (int s : YuNetDecoder.STRIDES) {
                        FloatBuffer cls = out.get("cls_" + s);
                        FloatBuffer obj = out.get("obj_" + s);
                        IntPredicate scored = i -> Math.sqrt(Math.max(0, cls.get(i)) * Math.max(0, obj.get(i))) >= FLOOR;
                        int cells = (w / s) * (h / s);
                        int[] per = {1, 1, 4, 10};
                        for (int k = 0; k < 4; k++) {
                            String name = YuNetDecoder.HEADS[k] + s;
                            tensors.add(new StoredTensors.Tensor(name, cells, per[k], new float[per[k]], out.get(name)));
                            keep.put(name, scored);
                        }
                    }
                    try (OutputStream os = Files.newOutputStream(dir.resolve("yunet-8.tensors"))) {
                        StoredTensors.write(os, "YuNet-n on reference-photos-validation/" + PHOTO + " at scale "
                                + YUNET_SCALE, w, h, tensors, keep);
                    }
                }
            }
        }
        try (RetinaFaceModel m = new RetinaFaceModel(SharedData.model(RetinaFaceModel.MODEL_ID), 1)) {
            int size = m.size();
            double scale = size / (double) Math.max(px.width(), px.height());
            int tw = (int) Math.round(px.width() * scale);
            int th = (int) Math.round(px.height() * scale);
            try (InputBuffers.Input input = m.buffers().take(3 * size * size)) {
                px.fill(input.array(), size, size, scale, 0, 0, tw, th, new float[] {104f, 117f, 123f}, 0f);
                try (OrtSession.Result r = m.run(input)) {
                    List<String> names = m.outputNames();
                    FloatBuffer conf = RetinaFaceModel.output(r, names.get(1));
                    int n = conf.capacity() / 2;
                    IntPredicate scored = i -> conf.get(2 * i + 1) >= FLOOR;
                    List<StoredTensors.Tensor> tensors = List.of(
                            new StoredTensors.Tensor("loc", n, 4, new float[4], RetinaFaceModel.output(r, names.get(0))),
                            new StoredTensors.Tensor("conf", n, 2, new float[] {1, 0}, conf),
                            new StoredTensors.Tensor("landmarks", n, 10, new float[10],
                                    RetinaFaceModel.output(r, names.get(2))));
                    Map<String, IntPredicate> keep = Map.of("loc", scored, "conf", scored, "landmarks", scored);
                    try (OutputStream os = Files.newOutputStream(dir.resolve("retinaface-8.tensors"))) {
                        StoredTensors.write(os, "RetinaFace-mnet0.25 on reference-photos-validation/" + PHOTO
                                + " at scale " + scale, size, size, tensors, keep);
                    }
                }
            }
        }
    }
}
