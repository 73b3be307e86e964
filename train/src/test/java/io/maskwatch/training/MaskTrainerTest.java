package io.maskwatch.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real (short) training runs with DJL on slices of the shared real crops. */
class MaskTrainerTest {

    @TempDir
    Path tmp;

    @Test
    void shortRunReducesLossAndBeatsChanceOnHeldOutGroups() throws Exception {
        List<FaceSample> train = TestData.train();
        List<FaceSample> held = TestData.heldOut();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (MaskTrainer t = new MaskTrainer(TestData.config(tmp.resolve("ckpt"), 6))) {
            MaskTrainer.Result r = t.train(train, held, null, new PrintStream(log, true, StandardCharsets.UTF_8));
            String text = log.toString(StandardCharsets.UTF_8);
            assertEquals(6, r.history().size(), text);
            System.out.println(text);
            double first = r.history().get(0).loss();
            double last = r.history().get(5).loss();
            assertTrue(last < first * 0.9, "loss should fall: " + first + " -> " + last + "\n" + text);
            assertTrue(r.heldOut().auc() > 0.72, "held-out AUC should beat chance clearly: " + r.heldOut().summary());
            assertTrue(r.heldOut().accuracy() > 0.62, r.heldOut().summary());
            assertTrue(text.contains("epoch 6/6"), "progress is shown: " + text);
            assertTrue(Files.exists(tmp.resolve("ckpt/epoch-006.params")));
            assertTrue(Files.exists(tmp.resolve("ckpt/best.params")));
            // the reported metrics are those of the best epoch, whose weights are loaded
            float[] p = t.predict(t.tensorOf(held), held.size());
            assertEquals(r.heldOut().auc(), BinaryMetrics.auc(p, MaskTrainer.labels(held)), 1e-9);
        }
    }

    @Test
    void resumesAfterTheCheckpointedEpoch() throws Exception {
        List<FaceSample> train = TestData.train().subList(0, 160);
        List<FaceSample> held = TestData.heldOut();
        Path ckpt = tmp.resolve("ckpt");
        float[] afterEpoch1;
        try (MaskTrainer t = new MaskTrainer(TestData.config(ckpt, 1))) {
            t.train(train, held, null, new PrintStream(OutputStreamNull.INSTANCE));
            t.loadParameters(ckpt.resolve("epoch-001.params"));
            afterEpoch1 = t.predict(t.tensorOf(held), held.size());
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (MaskTrainer t = new MaskTrainer(TestData.config(ckpt, 3))) {
            MaskTrainer.Checkpoint cp = MaskTrainer.Checkpoint.read(ckpt);
            assertEquals(1, cp.epoch());
            t.loadParameters(cp.params());
            assertArrayEquals(afterEpoch1, t.predict(t.tensorOf(held), held.size()), 1e-6f, "checkpoint restores the weights");
            MaskTrainer.Result r = t.train(train, held, ckpt, new PrintStream(log, true, StandardCharsets.UTF_8));
            String text = log.toString(StandardCharsets.UTF_8);
            assertEquals(List.of(2, 3), r.history().stream().map(MaskTrainer.EpochReport::epoch).toList(), text);
            assertTrue(text.contains("resumed from"), text);
            assertEquals(3, MaskTrainer.Checkpoint.read(ckpt).epoch());
        }
    }

    @Test
    void tooLittleDataPerClassIsAClearError() throws Exception {
        List<FaceSample> train = new java.util.ArrayList<>(TestData.train().stream().filter(s -> !s.masked()).limit(100).toList());
        train.addAll(TestData.train().stream().filter(FaceSample::masked).limit(5).toList());
        try (MaskTrainer t = new MaskTrainer(TestData.config(tmp.resolve("ckpt"), 1))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> t.train(train, List.of(), null, new PrintStream(OutputStreamNull.INSTANCE)));
            assertTrue(e.getMessage().contains("not enough training data: 5 masked and 100 unmasked"), e.getMessage());
        }
    }

    @Test
    void aCheckpointFolderWithoutStateIsRejected() throws Exception {
        Files.createDirectories(tmp.resolve("empty"));
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> MaskTrainer.Checkpoint.read(tmp.resolve("empty")));
        assertTrue(e.getMessage().contains("not a checkpoint"), e.getMessage());
    }

    /** Discards output. */
    static final class OutputStreamNull extends java.io.OutputStream {
        static final OutputStreamNull INSTANCE = new OutputStreamNull();

        @Override
        public void write(int b) {
        }
    }
}
