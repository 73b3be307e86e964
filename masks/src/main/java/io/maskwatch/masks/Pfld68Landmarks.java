package io.maskwatch.masks;

import io.maskwatch.image.Resampler;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
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
 * 1.1 × max(w, h) centred on the face box (optionally turned by the face's roll so the face is
 * upright), resampled to 112 × 112, RGB scaled to 0..1, NCHW.
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

    /**
     * Writes one face's input into {@code dst} at offset (3 × 112 × 112 floats): the square
     * {@code region} turned by {@code rollDegrees} about its centre, so that a tilted face comes out
     * upright (PFLD was trained on roughly upright faces). Each output pixel averages a grid of
     * bilinear samples over its footprint; outside the photo the nearest edge pixel repeats.
     */
    static void preprocess(BufferedImage image, Box region, double rollDegrees, float[] dst, int offset) {
        int plane = SIZE * SIZE;
        Resampler.sample(image, region, rollDegrees, SIZE, SIZE, (x, y, b, g, r) -> {
            int p = offset + y * SIZE + x;
            dst[p] = (float) (r / 255);
            dst[p + plane] = (float) (g / 255);
            dst[p + 2 * plane] = (float) (b / 255);
        });
    }

    /** Maps the model's 136 outputs (0..1 of the crop, turned by rollDegrees) to image pixels. */
    static Landmarks68 postprocess(float[] out, int offset, Box region, double rollDegrees) {
        double cos = Math.cos(Math.toRadians(rollDegrees));
        double sin = Math.sin(Math.toRadians(rollDegrees));
        double side = region.width();
        List<Point> pts = new ArrayList<>(68);
        for (int i = 0; i < 68; i++) {
            double u = (out[offset + 2 * i] - 0.5) * side;
            double v = (out[offset + 2 * i + 1] - 0.5) * side;
            pts.add(new Point(region.centerX() + u * cos - v * sin, region.centerY() + u * sin + v * cos));
        }
        return new Landmarks68(pts);
    }

    /** The roll of a face from the detector's eye landmarks (left eye, right eye first), degrees; 0 without them. */
    public static double rollFromEyes(List<Point> detectorLandmarks) {
        if (detectorLandmarks == null || detectorLandmarks.size() < 2) {
            return 0;
        }
        Point l = detectorLandmarks.get(0);
        Point r = detectorLandmarks.get(1);
        if (!(r.x() > l.x())) {
            return 0;
        }
        return Math.toDegrees(Math.atan2(r.y() - l.y(), r.x() - l.x()));
    }

    /** Landmarks for each face box of one image, in image pixels, in the order given (one batch). */
    public List<Landmarks68> landmarks(BufferedImage image, List<Box> faces) {
        return landmarks(image, faces, new double[faces.size()]);
    }

    /**
     * Landmarks for each face box, each crop turned by its roll angle (degrees, clockwise in image
     * coordinates, e.g. {@link #rollFromEyes}) so the model sees an upright face; one batch.
     */
    public List<Landmarks68> landmarks(BufferedImage image, List<Box> faces, double[] rollDegrees) {
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
            preprocess(image, r, rollDegrees[i], input, i * per);
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
            result.add(postprocess(out, i * 136, regions.get(i), rollDegrees[i]));
        }
        return result;
    }

    public Landmarks68 landmarks(BufferedImage image, Box face) {
        return landmarks(image, List.of(face)).get(0);
    }

    public Landmarks68 landmarks(BufferedImage image, Box face, double rollDegrees) {
        return landmarks(image, List.of(face), new double[] {rollDegrees}).get(0);
    }

    @Override
    public void close() {
        OnnxSessions.close(session, "pfld-68");
    }
}
