package io.maskwatch.video;

import java.awt.image.BufferedImage;

/** Where the annotated frames of each source go to be shown live. */
interface LiveView {

    /**
     * Whether source {@code number} wants the next annotated frame: always while someone watches, else one a second
     * (so a viewer who arrives later, or after the source ended, still sees its latest picture).
     */
    boolean wants(int number);

    /** The newest annotated frame of a source; the image is not changed afterwards. */
    void publish(int number, BufferedImage frame);
}
