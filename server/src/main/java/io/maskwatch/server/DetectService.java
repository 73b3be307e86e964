package io.maskwatch.server;

import io.maskwatch.annotate.Annotator;
import io.maskwatch.image.ImageLimits;
import io.maskwatch.image.ImageLoadException;
import io.maskwatch.image.ImageEncoder;
import io.maskwatch.image.ImageLoader;
import io.maskwatch.pipeline.Detection;
import io.maskwatch.pipeline.Pipeline;
import java.awt.image.BufferedImage;
import java.io.IOException;

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

    Outcome run(ImageUpload upload, boolean annotate) throws IOException {
        BufferedImage image;
        try {
            image = ImageLoader.read(upload.bytes(), upload.name(), limits);
        } catch (ImageLoadException e) {
            int status = e.kind() == ImageLoadException.Kind.TOO_LARGE ? 413 : 400;
            throw new ApiException(status, e.getMessage());
        }
        Detection detection = pipeline.detect(upload.name(), image);
        byte[] png = annotate ? ImageEncoder.encode(Annotator.draw(image, detection.faces()), "png") : null;
        return new Outcome(detection, png);
    }

}
