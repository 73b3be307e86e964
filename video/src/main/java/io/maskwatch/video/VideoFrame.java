package io.maskwatch.video;

import java.awt.image.BufferedImage;

/**
 * A decoded frame: its own copy of the pixels, its index among the frames read, its time in seconds (from the start
 * of a file, or since a stream was first opened) and the tracker's clock (that time less the outages, so tracks
 * survive a short reconnect).
 */
public record VideoFrame(BufferedImage image, long index, double time, double clock) {
}
