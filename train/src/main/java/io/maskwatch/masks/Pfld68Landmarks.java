package io.maskwatch.masks;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.maskwatch.classify.FaceCrops;
import io.maskwatch.detect.Box;
import io.maskwatch.detect.Point;
import io.maskwatch.model.ModelException;
import io.maskwatch.model.OnnxSessions;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The PFLD 68-point landmark model (pfld-68.onnx). Pre-processing: a square of side
 * 1.1 × max(w, h) centred on the face box, resampled to 112 × 112, RGB scaled to 0..1, NCHW.
 * Post-processing: the 136 outputs are (x, y) pairs in 0..1 of that square, mapped back to image
 * pixels. One session, shared by all threads.
 */
public final class Pfld68Landmarks implements AutoCloseable {

    public static final int SIZE = 112;
    public static final double CROP_SCALE = 1.1;

    private final OrtSession session;
    private final String inputName;

    public Pfld68Landmarks(Path model, int intraOpThreads) {
        this.session = OnnxSessions.open(model, intraOpThreads);
        this.inputName = session.getInputNames().iterator().next();
    }

    /** The square the model looks at for a face box. */
    public static Box cropRegion(Box face) {
        double side = CROP_SCALE * Math.max(face.width(), face.height());
        return new Box(face.centerX() - side / 2, face.centerY() - side / 2,
                face.centerX() + side / 2, face.centerY() + side / 2);
    }

    /** Writes one face's input into {@code dst} at offset (3 × 112 × 112 floats). */
    static void preprocess(BufferedImage image, Box region, float[] dst, int offset) {
        byte[] b = FaceCrops.bgrBytes(FaceCrops.resample(image, region, SIZE));
        int plane = SIZE * SIZE;
        for (int p = 0; p < plane; p++) {
            dst[offset + p] = (b[p * 3 + 2] & 0xff) / 255f;
            dst[offset + plane + p] = (b[p * 3 + 1] & 0xff) / 255f;
            dst[offset + 2 * plane + p] = (b[p * 3] & 0xff) / 255f;
        }
    }

    /** Maps the model's 136 outputs (0..1 of the crop) to image pixels. */
    static Landmarks68 postprocess(float[] out, int offset, Box region) {
        List<Point> pts = new ArrayList<>(68);
        for (int i = 0; i < 68; i++) {
            pts.add(new Point(region.x1() + out[offset + 2 * i] * region.width(),
                    region.y1() + out[offset + 2 * i + 1] * region.height()));
        }
        return new Landmarks68(pts);
    }

    /** Landmarks for each face box of one image, in image pixels, in the order given (one batch). */
    public List<Landmarks68> landmarks(BufferedImage image, List<Box> faces) {
        if (faces.isEmpty()) {
            return List.of();
        }
        int n = faces.size();
        int per = 3 * SIZE * SIZE;
        float[] input = new float[n * per];
        List<Box> regions = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Box r = cropRegion(faces.get(i));
            regions.add(r);
            preprocess(image, r, input, i * per);
        }
        float[] out;
        try (OnnxTensor t = OnnxTensor.createTensor(OnnxSessions.environment(), FloatBuffer.wrap(input),
                new long[] {n, 3, SIZE, SIZE});
             OrtSession.Result r = session.run(Map.of(inputName, t))) {
            float[][] o = (float[][]) r.get(0).getValue();
            out = new float[n * 136];
            for (int i = 0; i < n; i++) {
                if (o[i].length != 136) {
                    throw new ModelException("pfld-68: expected 136 outputs per face, got " + o[i].length);
                }
                System.arraycopy(o[i], 0, out, i * 136, 136);
            }
        } catch (OrtException e) {
            throw new ModelException("pfld-68 inference failed: " + e.getMessage(), e);
        }
        List<Landmarks68> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            result.add(postprocess(out, i * 136, regions.get(i)));
        }
        return result;
    }

    public Landmarks68 landmarks(BufferedImage image, Box face) {
        return landmarks(image, List.of(face)).get(0);
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new ModelException("pfld-68: cannot close session: " + e.getMessage(), e);
        }
    }
}
