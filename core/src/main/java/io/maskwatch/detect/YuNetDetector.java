package io.maskwatch.detect;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.maskwatch.model.ModelException;
import io.maskwatch.model.OnnxSessions;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * YuNet-n (libfacedetection) on ONNX Runtime, dynamic-input model: BGR 0..255, the resized photo padded at the
 * right and bottom to a multiple of 32. Decoded as OpenCV's FaceDetectorYN does: per stride s in 8/16/32 one
 * anchor per cell, centre = (col + dx, row + dy)·s, size = exp(dw, dh)·s, landmark = (col + kx, row + ky)·s,
 * score = sqrt(cls·obj).
 */
public final class YuNetDetector extends MultiScaleDetector {

    public static final String NAME = "yunet";
    public static final String MODEL_ID = "yunet-dynamic";

    private static final int[] STRIDES = {8, 16, 32};
    private static final float[] ZERO_MEAN = {0f, 0f, 0f};
    private static final int ALIGN = 32;
    /** Bigger passes are tiled so that one run stays within a few hundred MB. */
    private static final int MAX_TILE = 1920;

    private final Path model;
    private final OrtSession session;
    private final String inputName;
    private final AtomicBoolean closed = new AtomicBoolean();

    public YuNetDetector(Path model, DetectorConfig config, int intraOpThreads) {
        super(config);
        this.model = model;
        this.session = OnnxSessions.open(model, intraOpThreads);
        try {
            this.inputName = session.getInputNames().iterator().next();
            List<String> missing = new ArrayList<>();
            for (int s : STRIDES) {
                for (String head : new String[] {"cls_", "obj_", "bbox_", "kps_"}) {
                    if (!session.getOutputNames().contains(head + s)) {
                        missing.add(head + s);
                    }
                }
            }
            if (!missing.isEmpty()) {
                throw new ModelException(model + ": not a YuNet model: outputs " + missing + " missing (found "
                        + session.getOutputNames() + ")");
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public String name() { return NAME; }

    @Override
    protected int maxTile() { return MAX_TILE; }

    @Override
    protected List<Face> detectTile(ImageTensor image, double scale, int tx, int ty, int tw, int th,
                                    double minScore) {
        int w = (tw + ALIGN - 1) / ALIGN * ALIGN;
        int h = (th + ALIGN - 1) / ALIGN * ALIGN;
        float[] input = new float[3 * w * h];
        image.fill(input, w, h, scale, tx, ty, tw, th, ZERO_MEAN, 0f);
        try (OnnxTensor tensor = OnnxTensor.createTensor(OnnxSessions.environment(), FloatBuffer.wrap(input),
                new long[] {1, 3, h, w});
             OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            Map<String, FloatBuffer> out = new HashMap<>();
            result.forEach(e -> {
                try {
                    out.put(e.getKey(), ((OnnxTensor) e.getValue()).getFloatBuffer());
                } catch (ClassCastException ex) {
                    throw new ModelException(model + ": output " + e.getKey() + " is not a tensor");
                }
            });
            List<Face> faces = new ArrayList<>();
            for (int s : STRIDES) {
                int cols = w / s;
                int rows = h / s;
                FloatBuffer cls = out.get("cls_" + s);
                FloatBuffer obj = out.get("obj_" + s);
                FloatBuffer bbox = out.get("bbox_" + s);
                FloatBuffer kps = out.get("kps_" + s);
                if (cls.capacity() != rows * cols) {
                    throw new ModelException(model + ": stride " + s + " gives " + cls.capacity()
                            + " cells for a " + w + "x" + h + " input, expected " + rows * cols);
                }
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        int i = r * cols + c;
                        float score = (float) Math.sqrt(clamp01(cls.get(i)) * clamp01(obj.get(i)));
                        if (score < minScore) {
                            continue;
                        }
                        float cx = (c + bbox.get(4 * i)) * s;
                        float cy = (r + bbox.get(4 * i + 1)) * s;
                        float bw = (float) Math.exp(bbox.get(4 * i + 2)) * s;
                        float bh = (float) Math.exp(bbox.get(4 * i + 3)) * s;
                        List<Point> points = new ArrayList<>(5);
                        for (int p = 0; p < 5; p++) {
                            points.add(new Point((c + kps.get(10 * i + 2 * p)) * s, (r + kps.get(10 * i + 2 * p + 1)) * s));
                        }
                        faces.add(new Face(new Box(cx - bw / 2, cy - bh / 2, cx + bw / 2, cy + bh / 2), score, points));
                    }
                }
            }
            return faces;
        } catch (OrtException e) {
            throw new ModelException(model + ": inference failed: " + e.getMessage(), e);
        }
    }

    private static float clamp01(float v) {
        return Math.max(0f, Math.min(1f, v));
    }

    @Override
    public void close() {
        if (session != null && closed.compareAndSet(false, true)) {
            OnnxSessions.close(session, model);
        }
    }
}
