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
 * One image through the shared pipeline: decode (under the loader's bounds: pixel limit checked before decoding,
 * metadata never inflated, JPEG scans capped, a decode deadline), detect and classify,
 * and draw the annotated PNG when asked. Runs on a worker thread; everything stays in memory.
 */
final class DetectService {

    /** What one request produced; {@code annotatedPng} is null unless asked for. */
    record Outcome(Detection detection, byte[] annotatedPng) {
    }

    private final Pipeline pipeline;
    private final ImageLimits limits;

    DetectService(Pipeline pipeline, ServerConfig config) {
        this.pipeline = pipeline;
        this.limits = ImageLimits.DEFAULT.withMaxPixels(config.maxPixels()).withMaxFileBytes(config.maxBodyBytes())
                .withDecodeTimeout(config.timeouts().decode());
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
            throw switch (e.kind()) {
                case TOO_LARGE -> new ApiException(413, e.getMessage());
                case TOO_COMPLEX -> new ApiException(422, e.getMessage());
                // The heap was short at this moment (the file may be fine): the client may retry.
                case OUT_OF_MEMORY -> ApiException.unavailable(e.getMessage() + "; retry later", 5);
                default -> new ApiException(400, e.getMessage());
            };
        }
        Pipeline p = params.overrides()
                ? new Pipeline(pipeline.detector(), pipeline.classifier(), pipeline.maskedBoxes(), params.apply(pipeline.config())) // not closed: shares the models
                : pipeline;
        Detection detection = p.detect(upload.name(), image);
        byte[] png = annotate ? ImageEncoder.encode(Annotator.draw(image, detection.faces()), "png") : null;
        return new Outcome(detection, png);
    }

}
