package com.ccs.workflows.integration.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The outcome of each kind of fault injected: how many runs recovered, ended recorded as failed, or were lost. */
final class FaultTable {

    /** One row: {@code injected} counts the faults that fired, the rest count runs. */
    record Row(String fault, int runs, int injected, int recovered, int recordedAsFailed, int lost) {}

    private final List<Row> rows = new ArrayList<>();

    void add(Row row) {
        rows.add(row);
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    String render(String title) {
        StringBuilder out = new StringBuilder(title).append('\n');
        out.append(String.format(
                Locale.ROOT,
                "%-52s %5s %9s %10s %19s %5s%n",
                "fault",
                "runs",
                "injected",
                "recovered",
                "recorded as failed",
                "lost"));
        for (Row r : rows) {
            out.append(String.format(
                    Locale.ROOT,
                    "%-52s %5d %9d %10d %19d %5d%n",
                    r.fault(),
                    r.runs(),
                    r.injected(),
                    r.recovered(),
                    r.recordedAsFailed(),
                    r.lost()));
        }
        return out.toString();
    }
}
