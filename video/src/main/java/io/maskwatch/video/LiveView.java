package io.maskwatch.video;

import java.awt.image.BufferedImage;

/** Where the annotated frames of each source go to be shown live. */
interface LiveView {

    /** Whether anyone is watching source {@code number} (frames are only drawn when someone is). */
    boolean watched(int number);

    /** The newest annotated frame of a source; the image is not changed afterwards. */
    void publish(int number, BufferedImage frame);
}
