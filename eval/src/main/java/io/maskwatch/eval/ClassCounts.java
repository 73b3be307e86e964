package io.maskwatch.eval;

/** One row of the pipeline table: ground-truth faces of a class and what became of them. */
public record ClassCounts(int total, int correct, int wrong, int missed) {

    public ClassCounts {
        if (correct + wrong + missed != total) {
            throw new IllegalArgumentException("counts do not add up: " + correct + "+" + wrong + "+" + missed + " != " + total);
        }
    }

    public int detected() {
        return correct + wrong;
    }
}
