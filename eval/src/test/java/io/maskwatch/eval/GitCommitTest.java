package io.maskwatch.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GitCommitTest {

    @Test
    void theCheckoutsCommitAndAClearAnswerOutsideOne() throws Exception {
        // the tests run inside the project's git checkout (train/ is the working directory)
        String here = GitCommit.of(Path.of("."));
        assertTrue(here.matches("[0-9a-f]{40}( \\(uncommitted changes\\))?"), here);
        Path tmp = Files.createTempDirectory("not-git");
        try {
            assertTrue(GitCommit.of(tmp).startsWith("unknown ("), GitCommit.of(tmp));
        } finally {
            Files.delete(tmp);
        }
    }
}
