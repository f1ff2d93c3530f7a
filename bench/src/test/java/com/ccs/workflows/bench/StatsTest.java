package com.ccs.workflows.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void medianAndPercentilesIgnoreFailedRuns() {
        List<Double> values = List.of(5.0, 1.0, Double.NaN, 3.0, 2.0, 4.0);
        assertThat(Stats.median(values)).isEqualTo(3.0);
        assertThat(Stats.median(List.of(1.0, 2.0, 3.0, 10.0))).isEqualTo(2.5);
        assertThat(Stats.percentile(values, 99)).isEqualTo(5.0);
        assertThat(Stats.percentile(values, 20)).isEqualTo(1.0);
        assertThat(Stats.median(List.of(Double.NaN))).isNaN();
    }
}
