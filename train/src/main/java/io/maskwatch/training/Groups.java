package io.maskwatch.training;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Near-duplicate groups by union-find: files are joined when they share a name key (e.g. "x copy 3"
 * and "x") or when their perceptual hashes are within a small Hamming distance.
 */
public final class Groups {

    private final int[] parent;

    public Groups(int n) {
        parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
    }

    public int find(int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    public void union(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra != rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }

    /** Joins items with the same key. */
    public void unionByKey(List<String> keys) {
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            Integer f = first.putIfAbsent(keys.get(i), i);
            if (f != null) union(f, i);
        }
    }

    /** Joins items whose hashes differ in at most {@code maxDistance} bits (all pairs: fine for ~10k items). */
    public void unionByHash(long[] hashes, int maxDistance) {
        for (int i = 0; i < hashes.length; i++) {
            for (int j = i + 1; j < hashes.length; j++) {
                if (Long.bitCount(hashes[i] ^ hashes[j]) <= maxDistance) union(i, j);
            }
        }
    }

    public int count() {
        int c = 0;
        for (int i = 0; i < parent.length; i++) if (find(i) == i) c++;
        return c;
    }
}
