package com.ccs.workflows.bench;

import java.util.List;

/** Medians and percentiles that ignore failed measurements (NaN). */
final class Stats {
    private Stats() {}

    static double median(List<Double> values) {
        return percentile(values, 50);
    }

    /** Nearest-rank percentile of the finite values; NaN if there are none. */
    static double percentile(List<Double> values, double percent) {
        List<Double> sorted = values.stream().filter(Double::isFinite).sorted().toList();
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        if (percent == 50 && sorted.size() % 2 == 0) {
            return (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        }
        int rank = (int) Math.ceil(percent / 100 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
