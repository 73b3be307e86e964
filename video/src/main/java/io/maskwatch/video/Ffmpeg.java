package io.maskwatch.video;

import org.bytedeco.ffmpeg.global.avutil;

/** FFmpeg's process-wide settings. */
public final class Ffmpeg {

    private Ffmpeg() {
    }

    /** FFmpeg's own log lines would flood stderr (every decode hiccup of a stream); watch reports per source instead. */
    public static void quiet() {
        avutil.av_log_set_level(avutil.AV_LOG_FATAL);
    }
}
