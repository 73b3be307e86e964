package io.maskwatch.server;

import io.maskwatch.annotate.Annotator;
import io.maskwatch.image.ImageLimits;
import io.maskwatch.image.ImageLoadException;
import io.maskwatch.image.ImageLoader;
import io.maskwatch.pipeline.Detection;
import io.maskwatch.pipeline.Pipeline;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * One image through the shared pipeline: decode (pixel limit checked before decoding), detect and classify,
 * and draw the annotated PNG when asked. Runs on a worker thread; everything stays in memory.
 */
final class DetectService {

    /** What one request produced; {@code annotatedPng} is null unless asked for. */
    record Outcome(Detection detection, byte[] annotatedPng) {
    }

    private final Pipeline pipeline;
    private final ImageLimits limits;

    DetectService(Pipeline pipeline, long maxPixels, long maxBodyBytes) {
        this.pipeline = pipeline;
        this.limits = ImageLimits.DEFAULT.withMaxPixels(maxPixels).withMaxFileBytes(maxBodyBytes);
    }

    Pipeline pipeline() {
        return pipeline;
    }

    /** With the request's threshold and min_face, if given: the same models, other settings. */
    Outcome run(ImageUpload upload, boolean annotate, DetectParams params) throws IOException {
        BufferedImage image;
        try {
            image = ImageLoader.read(upload.bytes(), upload.name(), limits);
        } catch (ImageLoadException e) {
            int status = e.kind() == ImageLoadException.Kind.TOO_LARGE ? 413 : 400;
            throw new ApiException(status, e.getMessage());
        }
        Pipeline p = params.overrides()
                ? new Pipeline(pipeline.detector(), pipeline.classifier(), params.apply(pipeline.config())) // not closed: shares the models
                : pipeline;
        Detection detection = p.detect(upload.name(), image);
        byte[] png = annotate ? png(Annotator.draw(image, detection.faces())) : null;
        return new Outcome(detection, png);
    }

    /** PNG at a low deflate level: a 4000 px photo encodes in a fraction of the default's time. */
    static byte[] png(BufferedImage image) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        ImageWriter writer = writers.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(image.getWidth() * image.getHeight());
        try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) { // never a temporary cache file
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (param.canWriteCompressed()) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.75f);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
