package io.maskwatch.training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The git commit of the code that trained a model, for its provenance. */
final class GitCommit {

    private GitCommit() {
    }

    /** The HEAD commit of the checkout at {@code dir}, with "+dirty" when tracked files differ; "unknown" outside git. */
    static String describe(Path dir) {
        String head = git(dir, "rev-parse", "HEAD");
        if (head == null || head.isBlank()) {
            return "unknown";
        }
        String changes = git(dir, "status", "--porcelain", "--untracked-files=no");
        return head.strip() + (changes != null && !changes.isBlank() ? "+dirty" : "");
    }

    private static String git(Path dir, String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "git";
        System.arraycopy(args, 0, cmd, 1, args.length);
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toAbsolutePath().toFile()).redirectErrorStream(false).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
