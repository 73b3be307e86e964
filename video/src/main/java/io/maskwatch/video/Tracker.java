package io.maskwatch.video;

import io.maskwatch.detect.Box;
import io.maskwatch.pipeline.FaceResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * SORT-style face tracker for one source: each track predicts its box with constant velocity (an alpha-beta
 * filter on centre and size, per second so that skipped frames do not matter), detections are assigned to
 * predictions greedily by IoU, a track survives {@link TrackerConfig#maxLostSeconds} without a detection, and a
 * new track must be seen {@link TrackerConfig#minHits} times in a row before it is reported. Each track collects
 * its {@link MaskVote}; the tracker reports a start, one alert when the vote says a label of
 * {@link TrackerConfig#alertOn()} (by default incorrect or unmasked), and an end.
 * Not thread-safe: one tracker per source, used by that source's analysis thread.
 */
public final class Tracker {

    /** What happened to a track in one step. */
    public enum ChangeType {
        START("track_start"), ALERT("alert"), END("track_end");

        public final String json;

        ChangeType(String json) {
            this.json = json;
        }
    }

    /** A change to report; {@code box} is the track's latest detected box. */
    public record Change(ChangeType type, long track, Box box, TrackLabel label, double maskProbability) {
    }

    /** A detection of this frame and the reported track it belongs to (0 while its track is still tentative). */
    public record Tracked(FaceResult face, long track, TrackLabel label) {
    }

    /** The outcome of one frame. */
    public record Step(List<Tracked> faces, List<Change> changes) {
    }

    private static final double ALPHA = 0.6;
    private static final double BETA = 0.2;

    private final TrackerConfig config;
    private final double threshold;
    private final List<Track> tracks = new ArrayList<>();
    private long nextId = 1;

    /** @param threshold the P(masked) threshold, when the config leaves it to the classifier */
    public Tracker(TrackerConfig config, double threshold) {
        this.config = config;
        this.threshold = Double.isNaN(config.threshold()) ? threshold : config.threshold();
    }

    public double threshold() {
        return threshold;
    }

    /** Tracks reported and not ended. */
    public int openTracks() {
        return (int) tracks.stream().filter(t -> t.id > 0).count();
    }

    /**
     * One analysed frame.
     *
     * @param time seconds on the tracker's clock (the source's time less any outage, so a short reconnect keeps tracks)
     */
    public Step update(List<FaceResult> faces, double time) {
        List<Change> changes = new ArrayList<>();
        // Tracks lost for too long end before matching, so they cannot take a newcomer's face.
        for (var it = tracks.iterator(); it.hasNext(); ) {
            Track t = it.next();
            if (time - t.lastSeen > config.maxLostSeconds()) {
                it.remove();
                if (t.id > 0) {
                    changes.add(end(t));
                }
            }
        }
        List<Box> predicted = tracks.stream().map(t -> t.predict(time)).toList();
        record Pair(int track, int face, double iou) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) {
            for (int j = 0; j < faces.size(); j++) {
                double iou = predicted.get(i).iou(faces.get(j).box());
                if (iou >= config.matchIou()) {
                    pairs.add(new Pair(i, j, iou));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::iou).reversed());
        int[] trackOfFace = new int[faces.size()];
        java.util.Arrays.fill(trackOfFace, -1);
        boolean[] matched = new boolean[tracks.size()];
        for (Pair p : pairs) {
            if (!matched[p.track] && trackOfFace[p.face] < 0) {
                matched[p.track] = true;
                trackOfFace[p.face] = p.track;
            }
        }
        List<Track> born = new ArrayList<>();
        Track[] owner = new Track[faces.size()];
        for (int j = 0; j < faces.size(); j++) {
            FaceResult f = faces.get(j);
            Track t;
            if (trackOfFace[j] >= 0) {
                t = tracks.get(trackOfFace[j]);
                t.correct(f.box(), time);
            } else {
                t = new Track(f.box(), time);
                born.add(t);
            }
            t.vote = t.vote.add(f.maskProbability(), f.state().incorrect(), f.score(), f.box().size(), time);
            t.last = f.box();
            t.hits++;
            owner[j] = t;
        }
        // A tentative track missed once is dropped: a one-frame false face never becomes a person.
        for (int i = tracks.size() - 1; i >= 0; i--) {
            if (!matched[i] && tracks.get(i).id == 0) {
                tracks.remove(i);
            }
        }
        tracks.addAll(born);
        for (Track t : tracks) {
            if (t.lastSeen != time) {
                continue;
            }
            if (t.id == 0 && t.hits >= config.minHits()) {
                t.id = nextId++;
                changes.add(new Change(ChangeType.START, t.id, t.last, t.label(), t.vote.probability()));
            }
            TrackLabel label = t.label();
            if (t.id > 0 && !t.alerted && config.alertOn().contains(label)) {
                t.alerted = true;
                changes.add(new Change(ChangeType.ALERT, t.id, t.last, label, t.vote.probability()));
            }
        }
        List<Tracked> out = new ArrayList<>(faces.size());
        for (int j = 0; j < faces.size(); j++) {
            out.add(new Tracked(faces.get(j), owner[j].id, owner[j].id > 0 ? owner[j].label() : TrackLabel.UNKNOWN));
        }
        return new Step(List.copyOf(out), List.copyOf(changes));
    }

    /** Ends every track (end of source, scene cut, shutdown). */
    public List<Change> endAll() {
        List<Change> changes = new ArrayList<>();
        for (Track t : tracks) {
            if (t.id > 0) {
                changes.add(end(t));
            }
        }
        tracks.clear();
        return changes;
    }

    private Change end(Track t) {
        return new Change(ChangeType.END, t.id, t.last, t.label(), t.vote.probability());
    }

    private final class Track {
        long id;
        int hits;
        boolean alerted;
        MaskVote vote = MaskVote.EMPTY;
        Box last;
        double lastSeen;
        // state: centre x, centre y, width, height, and their rates per second
        double cx, cy, w, h, vx, vy, vw, vh;

        Track(Box b, double time) {
            cx = b.centerX();
            cy = b.centerY();
            w = b.width();
            h = b.height();
            lastSeen = time;
        }

        Box predict(double time) {
            double dt = time - lastSeen;
            double pw = Math.max(1, w + vw * dt);
            double ph = Math.max(1, h + vh * dt);
            double px = cx + vx * dt;
            double py = cy + vy * dt;
            return new Box(px - pw / 2, py - ph / 2, px + pw / 2, py + ph / 2);
        }

        void correct(Box b, double time) {
            double dt = time - lastSeen;
            if (dt <= 0) {
                dt = 1e-3;
            }
            double px = cx + vx * dt, py = cy + vy * dt, pw = w + vw * dt, ph = h + vh * dt;
            double rx = b.centerX() - px, ry = b.centerY() - py, rw = b.width() - pw, rh = b.height() - ph;
            cx = px + ALPHA * rx;
            cy = py + ALPHA * ry;
            w = Math.max(1, pw + ALPHA * rw);
            h = Math.max(1, ph + ALPHA * rh);
            vx += BETA * rx / dt;
            vy += BETA * ry / dt;
            vw += BETA * rw / dt;
            vh += BETA * rh / dt;
            lastSeen = time;
        }

        TrackLabel label() {
            return vote.label(config, threshold);
        }
    }
}
