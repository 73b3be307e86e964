package io.maskwatch.detect;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.maskwatch.model.InputBuffers;
import io.maskwatch.model.ModelException;
import io.maskwatch.model.OnnxSessions;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * YuNet-n (libfacedetection) on ONNX Runtime, dynamic-input model: BGR 0..255, the tile placed top-left and
 * zero-padded right and bottom to a multiple of 32; {@link YuNetDecoder} turns the outputs into faces.
 */
public final class YuNetModel implements TileModel {

    /** The original YuNet-n of libfacedetection. */
    public static final String NAME = "yunet";
    public static final String MODEL_ID = "yunet-dynamic";
    /**
     * YuNet-n adapted to masked faces by maskwatch ({@code maskwatch train detector}, models/yunet-masked.md): the same
     * graph and decoding, other weights.
     */
    public static final String MASKED_NAME = "yunet-masked";
    public static final String MASKED_MODEL_ID = "yunet-masked";

    private static final float[] ZERO_MEAN = {0f, 0f, 0f};
    private static final int ALIGN = 32;
    /** Bigger passes are tiled so that one run stays within a few hundred MB. */
    private static final int MAX_TILE = 1920;

    private final String name;
    private final Path model;
    private final OrtSession session;
    private final String inputName;
    private final InputBuffers buffers = new InputBuffers();
    private final AtomicBoolean closed = new AtomicBoolean();

    public YuNetModel(Path model, int intraOpThreads) {
        this(NAME, model, intraOpThreads);
    }

    /** @param name the detector's name in reports: {@link #NAME} or {@link #MASKED_NAME} */
    public YuNetModel(String name, Path model, int intraOpThreads) {
        if (!NAME.equals(name) && !MASKED_NAME.equals(name)) {
            throw new IllegalArgumentException("a YuNet detector is named " + NAME + " or " + MASKED_NAME + ", not " + name);
        }
        this.name = name;
        this.model = model;
        this.session = OnnxSessions.open(model, intraOpThreads);
        try {
            this.inputName = session.getInputNames().iterator().next();
            List<String> missing = new ArrayList<>(YuNetDecoder.outputNames());
            missing.removeAll(session.getOutputNames());
            if (!missing.isEmpty()) {
                throw new ModelException(model + ": not a YuNet model: outputs " + missing + " missing (found "
                        + session.getOutputNames() + ")");
            }
        } catch (RuntimeException e) {
            closed.set(true);
            throw OnnxSessions.closeAfter(session, e);
        }
    }

    /**
     * The input YuNet gets for the region (tx, ty, w, h) of the photo resized by {@code scale}: B, G, R planes of
     * 0..255, zero outside the photo. Training cuts its samples with it, so they are what the detector sees.
     */
    public static float[] input(BufferedImage image, double scale, int tx, int ty, int w, int h) {
        float[] dst = new float[3 * w * h];
        ImageTensor.of(image).fill(dst, w, h, scale, tx, ty, w, h, ZERO_MEAN, 0f);
        return dst;
    }

    @Override
    public String name() { return name; }

    @Override
    public int maxTile() { return MAX_TILE; }

    /** The padded input size for a tile side. */
    static int aligned(int side) {
        return (side + ALIGN - 1) / ALIGN * ALIGN;
    }

    @Override
    public List<Face> detect(ImageTensor image, double scale, int tx, int ty, int tw, int th, double minScore) {
        int w = aligned(tw);
        int h = aligned(th);
        try (InputBuffers.Input input = buffers.take(3 * w * h)) {
            image.fill(input.array(), w, h, scale, tx, ty, tw, th, ZERO_MEAN, 0f);
            try (OrtSession.Result result = run(input, w, h)) {
                return YuNetDecoder.decode(outputs(result), w, h, minScore);
            } catch (IllegalArgumentException e) {
                throw new ModelException(model + ": unexpected output for a " + w + "x" + h + " input: "
                        + e.getMessage(), e);
            }
        }
    }

    /** Buffers for {@link #run}'s input. */
    InputBuffers buffers() { return buffers; }

    /** One run on a prepared input tensor (3 planes of w x h); the caller closes the result. */
    OrtSession.Result run(InputBuffers.Input input, int w, int h) {
        try (OnnxTensor tensor = input.tensor(new long[] {1, 3, h, w})) {
            return session.run(Map.of(inputName, tensor));
        } catch (OrtException e) {
            throw new ModelException(model + ": inference failed: " + e.getMessage(), e);
        }
    }

    /** The result's outputs by name. */
    Map<String, FloatBuffer> outputs(OrtSession.Result result) {
        Map<String, FloatBuffer> out = new HashMap<>();
        result.forEach(e -> {
            if (!(e.getValue() instanceof OnnxTensor t)) {
                throw new ModelException(model + ": output " + e.getKey() + " is not a tensor");
            }
            out.put(e.getKey(), t.getFloatBuffer());
        });
        return out;
    }

    @Override
    public void close() {
        if (session != null && closed.compareAndSet(false, true)) {
            OnnxSessions.close(session, model);
        }
    }
}
