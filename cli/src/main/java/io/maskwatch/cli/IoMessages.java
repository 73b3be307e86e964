package io.maskwatch.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Says what went wrong with a file in words, not as a Java exception's class name. */
final class IoMessages {

    private IoMessages() {
    }

    /** e.g. "no such file or folder: /proc/nope", "permission denied: /root/out". */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException f) return "no such file or folder: " + f.getFile();
        if (e instanceof AccessDeniedException f) return "permission denied: " + f.getFile();
        if (e instanceof NotDirectoryException f) return "not a folder: " + f.getFile();
        if (e instanceof FileSystemException f) {
            String reason = f.getReason() == null ? "cannot write" : f.getReason().toLowerCase(java.util.Locale.ROOT);
            return reason + ": " + f.getFile();
        }
        return e.getMessage() == null ? "input/output error" : e.getMessage();
    }
}
