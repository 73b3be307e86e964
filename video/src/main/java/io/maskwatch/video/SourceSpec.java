package io.maskwatch.video;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A source as given on the command line: a video file, a camera ({@code /dev/video0}) or a stream URL
 * (rtsp, rtmp, http(s) MJPEG or HLS, udp, srt). Live sources (cameras, streams) drop frames and reconnect; files do not.
 */
public record SourceSpec(String name, Kind kind) {

    public enum Kind { FILE, CAMERA, STREAM }

    public static SourceSpec parse(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.matches("^(rtsp|rtsps|rtmp|rtmps|http|https|udp|tcp|srt|rtp)://.*")) {
            return new SourceSpec(s, Kind.STREAM);
        }
        if (s.startsWith("/dev/video")) {
            return new SourceSpec(s, Kind.CAMERA);
        }
        return new SourceSpec(s, Kind.FILE);
    }

    public boolean live() {
        return kind != Kind.FILE;
    }

    /** A one-line reason why a file source cannot be read, or null when it looks readable. */
    public String fileProblem() {
        if (kind != Kind.FILE) {
            return null;
        }
        Path p = Path.of(name);
        if (!Files.exists(p)) {
            return "no such file";
        }
        if (Files.isDirectory(p)) {
            return "is a folder, not a video";
        }
        if (!Files.isReadable(p)) {
            return "not readable";
        }
        return null;
    }
}
