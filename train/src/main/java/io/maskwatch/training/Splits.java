package io.maskwatch.training;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Seeded split decisions per group (person, photo, near-duplicate group): a hash of seed and group
 * name, so a group's side never depends on file order or on what else is in the data.
 */
public final class Splits {

    private Splits() {
    }

    /** A uniform number in [0, 1) fixed by the seed and the key. */
    public static double unit(long seed, String key) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] d = md.digest((seed + "/" + key).getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 7; i++) v = (v << 8) | (d[i] & 0xff);
            return v / (double) (1L << 56);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean heldOut(long seed, String key, double fraction) {
        return unit(seed, key) < fraction;
    }
}
