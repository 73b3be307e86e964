package io.maskwatch.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.classify.MaskState;
import io.maskwatch.detect.Box;
import io.maskwatch.pipeline.FaceResult;
import io.maskwatch.pipeline.Label;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tracker and the per-person decision on hand-made detections (the video tests use real ones). */
class TrackerTest {

    private static FaceResult face(double x, double y, double size, double pMasked) {
        return new FaceResult(Box.ofSize(x, y, size, size), 0.9, pMasked, Label.of(pMasked, 0.5), List.of());
    }

    /** A face of a three-class model: P(masked) and P(incorrect), the rest unmasked. */
    private static FaceResult face(double x, double y, double size, double pMasked, double pIncorrect) {
        MaskState state = new MaskState((float) pMasked, (float) pIncorrect, (float) (1 - pMasked - pIncorrect));
        return new FaceResult(Box.ofSize(x, y, size, size), 0.9, pMasked, Label.of(state, 0.5), List.of(), state);
    }

    private static List<Tracker.Change> all(List<Tracker.Step> steps) {
        List<Tracker.Change> out = new ArrayList<>();
        steps.forEach(s -> out.addAll(s.changes()));
        return out;
    }

    @Test
    void aWalkingUnmaskedPersonIsOneTrackWithOneAlert() {
        Tracker t = new Tracker(TrackerConfig.DEFAULT, 0.5);
        List<Tracker.Step> steps = new ArrayList<>();
        for (int i = 0; i < 50; i++) { // 8 px a frame at 10 fps, with a noisy P(masked) around 0.2
            steps.add(t.update(List.of(face(100 + 8 * i, 200 + (i % 3), 60, i % 5 == 0 ? 0.6 : 0.15)), i / 10.0));
        }
        List<Tracker.Change> c = all(steps);
        assertEquals(1, c.stream().filter(x -> x.type() == Tracker.ChangeType.START).count());
        assertEquals(1, c.stream().filter(x -> x.type() == Tracker.ChangeType.ALERT).count());
        assertTrue(steps.get(49).faces().stream().allMatch(f -> f.track() == 1), "one id all along");
        List<Tracker.Change> end = t.endAll();
        assertEquals(1, end.size());
        assertEquals(TrackLabel.UNMASKED, end.get(0).label());
    }

    @Test
    void theAlertWaitsForEnoughFramesAndAMaskedPersonNeverAlerts() {
        Tracker t = new Tracker(TrackerConfig.DEFAULT.withDecision(4, 0), 0.5);
        List<Tracker.Change> c = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Tracker.Step s = t.update(List.of(face(100, 100, 50, 0.1), face(400, 100, 50, 0.9)), i / 10.0);
            c.addAll(s.changes());
            assertTrue(s.faces().stream().allMatch(f -> f.label() == TrackLabel.UNKNOWN), "unknown while evidence is thin");
        }
        assertEquals(0, c.stream().filter(x -> x.type() == Tracker.ChangeType.ALERT).count());
        Tracker.Step s = t.update(List.of(face(100, 100, 50, 0.1), face(400, 100, 50, 0.9)), 0.3);
        assertEquals(List.of(Tracker.ChangeType.ALERT), s.changes().stream().map(Tracker.Change::type).toList());
        assertEquals(TrackLabel.MASKED, s.faces().get(1).label());
        for (int i = 4; i < 30; i++) {
            assertTrue(t.update(List.of(face(100, 100, 50, 0.1), face(400, 100, 50, 0.9)), i / 10.0).changes().isEmpty());
        }
    }

    @Test
    void aOneFrameFalseFaceIsNeverReportedAndAShortGapKeepsTheTrack() {
        Tracker t = new Tracker(TrackerConfig.DEFAULT, 0.5);
        List<Tracker.Change> c = new ArrayList<>();
        c.addAll(t.update(List.of(face(100, 100, 50, 0.1), face(600, 300, 30, 0.1)), 0.0).changes());
        for (int i = 1; i < 10; i++) {
            c.addAll(t.update(List.of(face(100, 100, 50, 0.1)), i / 10.0).changes());
        }
        // missing for 0.6 s (under --max-lost 1 s), then back a little further on
        for (int i = 16; i < 20; i++) {
            c.addAll(t.update(List.of(face(104, 100, 50, 0.1)), i / 10.0).changes());
        }
        assertEquals(1, c.stream().filter(x -> x.type() == Tracker.ChangeType.START).count(), c.toString());
        assertEquals(0, c.stream().filter(x -> x.type() == Tracker.ChangeType.END).count());
        // gone for longer than 1 s: the track ends, and a new face there is a new person
        List<Tracker.Change> later = t.update(List.of(face(104, 100, 50, 0.1)), 3.5).changes();
        assertEquals(List.of(Tracker.ChangeType.END), later.stream().map(Tracker.Change::type).toList());
        later = t.update(List.of(face(104, 100, 50, 0.1)), 3.6).changes();
        assertEquals(2, later.stream().filter(x -> x.type() == Tracker.ChangeType.START).findFirst().orElseThrow().track());
    }

    @Test
    void twoPeopleCrossingKeepTheirIds() {
        Tracker t = new Tracker(TrackerConfig.DEFAULT, 0.5);
        Tracker.Step s = null;
        for (int i = 0; i < 30; i++) { // A moves right, B moves left, 10 px a frame, on different rows
            s = t.update(List.of(face(100 + 10 * i, 100, 60, 0.1), face(400 - 10 * i, 180, 60, 0.9)), i / 10.0);
        }
        assertEquals(1, s.faces().get(0).track());
        assertEquals(2, s.faces().get(1).track());
    }

    @Test
    void settingsAreValidatedUpFront() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> TrackerConfig.DEFAULT.withDecision(0, 0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> TrackerConfig.DEFAULT.withSceneCut(300));
    }

    /** Two people, one with the mask under the nose and one without: what alerts depends on --alert-on. */
    private static List<Tracker.Change> incorrectAndUnmasked(TrackerConfig config) {
        Tracker t = new Tracker(config, 0.5);
        List<Tracker.Change> c = new ArrayList<>();
        for (int i = 0; i < 20; i++) { // noisy: some frames of the incorrect one look unmasked, none masked
            c.addAll(t.update(List.of(face(100, 100, 60, 0.1, i % 4 == 0 ? 0.2 : 0.7),
                    face(400, 100, 60, 0.05, 0.1)), i / 10.0).changes());
        }
        c.addAll(t.endAll());
        return c;
    }

    @Test
    void aMaskUnderTheNoseAlertsAsIncorrectAndAlertOnChoosesWhatAlerts() {
        List<Tracker.Change> both = incorrectAndUnmasked(TrackerConfig.DEFAULT);
        List<Tracker.Change> alerts = both.stream().filter(x -> x.type() == Tracker.ChangeType.ALERT).toList();
        assertEquals(List.of(TrackLabel.INCORRECT, TrackLabel.UNMASKED), alerts.stream().map(Tracker.Change::label).toList());
        assertEquals(List.of(TrackLabel.INCORRECT, TrackLabel.UNMASKED), both.stream()
                .filter(x -> x.type() == Tracker.ChangeType.END).map(Tracker.Change::label).toList());

        List<Tracker.Change> unmaskedOnly = incorrectAndUnmasked(
                TrackerConfig.DEFAULT.withAlertOn(TrackerConfig.parseAlertOn("unmasked")));
        assertEquals(List.of(TrackLabel.UNMASKED), unmaskedOnly.stream()
                .filter(x -> x.type() == Tracker.ChangeType.ALERT).map(Tracker.Change::label).toList());
        List<Tracker.Change> incorrectOnly = incorrectAndUnmasked(
                TrackerConfig.DEFAULT.withAlertOn(TrackerConfig.parseAlertOn(" incorrect ")));
        assertEquals(List.of(TrackLabel.INCORRECT), incorrectOnly.stream()
                .filter(x -> x.type() == Tracker.ChangeType.ALERT).map(Tracker.Change::label).toList());
    }

    @Test
    void alertOnRefusesAnythingButIncorrectAndUnmasked() {
        assertEquals(TrackerConfig.NOT_MASKED, TrackerConfig.parseAlertOn("unmasked,incorrect"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TrackerConfig.parseAlertOn("incorrect,masked"));
        assertTrue(e.getMessage().contains("'masked'"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TrackerConfig.DEFAULT.withAlertOn(java.util.Set.of(TrackLabel.MASKED)));
    }
}
