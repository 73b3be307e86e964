package io.maskwatch.video.bench;

import io.maskwatch.dataset.FaceClass;
import io.maskwatch.detect.Box;
import io.maskwatch.video.WatchEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Per-person accuracy of watch on a {@link PhotoVideo}: each event's box is matched (IoU at least {@link #MATCH_IOU})
 * to the annotated person of the shot on screen at that frame. Evaluation as an object: build it from events and
 * shots, read the figures.
 *
 * @param unmaskedPeople  annotated unmasked people of at least {@code minSize} px (shorter side, first frame)
 * @param unmaskedAlerted of those, how many got an alert
 * @param alerts          alerts raised
 * @param wrongAlerts     alerts whose box is a masked person or no annotated person
 * @param duplicateAlerts alerts beyond the first for one person
 * @param idSwitches      tracks beyond the first for one person (a person split into several tracks)
 * @param missed          the unmasked people of at least minSize px without an alert (photo and box), for the docs
 */
public record PersonScore(double minSize, int unmaskedPeople, int unmaskedAlerted, int alerts, int wrongAlerts,
                          int duplicateAlerts, int idSwitches, int maskedPeopleAlerted, List<String> missed,
                          List<String> wrong) {

    public static final double MATCH_IOU = 0.3;

    public static PersonScore of(List<PhotoVideo.Shot> shots, List<WatchEvent> events, double minSize) {
        Map<Integer, Integer> alertsPerPerson = new HashMap<>();
        Map<Integer, Set<Long>> tracksPerPerson = new HashMap<>();
        int alerts = 0, wrong = 0, duplicates = 0;
        Set<Integer> maskedAlerted = new HashSet<>();
        List<String> wrongList = new ArrayList<>();
        for (WatchEvent e : events) {
            PhotoVideo.Shot shot = shotAt(shots, e.frame());
            PhotoVideo.Person p = shot == null ? null : match(shot, e.box(), (int) e.frame());
            // a track_end's box is where the person was last seen, not at the event's frame (a cut may be past it)
            if (p != null && !e.type().equals("track_end")) {
                tracksPerPerson.computeIfAbsent(p.id(), k -> new HashSet<>()).add(e.track());
            }
            if (!e.type().equals("alert")) {
                continue;
            }
            alerts++;
            if (p == null || p.cls() == FaceClass.MASKED) {
                wrong++;
                wrongList.add(String.format(Locale.ROOT, "%s track %d frame %d %s box %.0f,%.0f %.0fx%.0f p=%.2f",
                        shot == null ? "?" : shot.photo(), e.track(), e.frame(), p == null ? "no annotated face" : "masked person",
                        e.box().x1(), e.box().y1(), e.box().width(), e.box().height(), e.maskProbability()));
                if (p != null) {
                    maskedAlerted.add(p.id());
                }
                continue;
            }
            int n = alertsPerPerson.merge(p.id(), 1, Integer::sum);
            if (n > 1) {
                duplicates++;
            }
        }
        int people = 0, alerted = 0;
        List<String> missed = new ArrayList<>();
        for (PhotoVideo.Shot s : shots) {
            for (PhotoVideo.Person p : s.people()) {
                if (p.cls() == FaceClass.MASKED || p.size() < minSize) {
                    continue;
                }
                people++;
                if (alertsPerPerson.containsKey(p.id())) {
                    alerted++;
                } else {
                    missed.add(String.format(Locale.ROOT, "%s %s %.0f px", s.photo(), p.cls().key(), p.size()));
                }
            }
        }
        int switches = tracksPerPerson.values().stream().mapToInt(t -> t.size() - 1).sum();
        return new PersonScore(minSize, people, alerted, alerts, wrong, duplicates, switches, maskedAlerted.size(),
                List.copyOf(missed), List.copyOf(wrongList));
    }

    public double recall() {
        return unmaskedPeople == 0 ? Double.NaN : unmaskedAlerted / (double) unmaskedPeople;
    }

    public double wrongRate() {
        return alerts == 0 ? 0 : wrongAlerts / (double) alerts;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "unmasked people >= %.0f px alerted: %d/%d (%.1f%%); alerts %d, wrong %d (%.1f%%; masked people alerted %d), "
                        + "duplicates %d, id switches %d",
                minSize, unmaskedAlerted, unmaskedPeople, 100 * recall(), alerts, wrongAlerts, 100 * wrongRate(),
                maskedPeopleAlerted, duplicateAlerts, idSwitches);
    }

    static PhotoVideo.Shot shotAt(List<PhotoVideo.Shot> shots, long frame) {
        for (PhotoVideo.Shot s : shots) {
            if (frame >= s.first() && frame <= s.last()) {
                return s;
            }
        }
        return null;
    }

    static PhotoVideo.Person match(PhotoVideo.Shot shot, Box box, int frame) {
        PhotoVideo.Person best = null;
        double bestIou = MATCH_IOU;
        for (PhotoVideo.Person p : shot.people()) {
            double iou = shot.boxAt(p, frame).iou(box);
            if (iou >= bestIou) {
                bestIou = iou;
                best = p;
            }
        }
        return best;
    }
}
