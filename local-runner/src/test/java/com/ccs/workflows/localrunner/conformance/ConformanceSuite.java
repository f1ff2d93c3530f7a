package com.ccs.workflows.localrunner.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the in-process and the API conformance tests share: which recorded cases run, the pass-rate table with
 * every failure, and the floors that make a regression fail the build.
 */
final class ConformanceSuite {
    private static final int HISTORY_DIFFS_SHOWN = 15;

    /**
     * @param failure null when the case passed
     * @param historyDifference null when the event types match the recording, there is none, or they are not compared
     */
    record Result(ConformanceCase c, String failure, String historyDifference) {}

    private ConformanceSuite() {}

    /**
     * The cases under -Dconformance.dir and the project's own (-Dconformance.project.dir, src/test/conformance);
     * -Dconformance.only=text keeps those whose name contains it.
     */
    static List<ConformanceCase> cases() {
        String dir = System.getProperty("conformance.dir");
        if (dir == null || !Files.isDirectory(Path.of(dir, "cases"))) {
            fail("The conformance cases were not found at '" + dir + "/cases'. They live in ../shared/conformance next"
                    + " to the repository; pass -Dconformance.dir=<folder> to point elsewhere.");
        }
        List<ConformanceCase> all = new ArrayList<>(ConformanceCase.load(Path.of(dir, "cases")));
        Path own = Path.of(System.getProperty("conformance.project.dir", "src/test/conformance"), "cases");
        assertThat(own).as("the project's own conformance cases").isDirectory();
        all.addAll(ConformanceCase.load(own));
        List<ConformanceCase> cases =
                all.stream().filter(c -> c.name().contains(only())).toList();
        assertThat(cases).isNotEmpty();
        return cases;
    }

    private static String only() {
        return System.getProperty("conformance.only", "");
    }

    /**
     * Holds the pure and stubbable pass rates at their floors; not when -Dconformance.only ran only some cases.
     *
     * @param where appended to the assertion's description
     */
    static void holdFloors(List<Result> results, double pureFloor, double stubbableFloor, String where) {
        if (!only().isEmpty()) {
            return;
        }
        assertThat(rate(results, "pure")).as("pure pass rate" + where).isGreaterThanOrEqualTo(pureFloor);
        assertThat(rate(results, "stubbable")).as("stubbable pass rate" + where).isGreaterThanOrEqualTo(stubbableFloor);
    }

    private static double rate(List<Result> results, String category) {
        List<Result> of =
                results.stream().filter(r -> r.c().category().equals(category)).toList();
        return of.isEmpty() ? 1.0 : of.stream().filter(r -> r.failure() == null).count() / (double) of.size();
    }

    /**
     * Prints the pass rates by folder and category, how many histories match the recording's event types (when
     * {@code historiesCompared}), and every failure with its reason.
     */
    static void report(String title, List<Result> results, boolean historiesCompared) {
        Map<String, int[]> rows = new TreeMap<>();
        for (Result r : results) {
            int[] row = rows.computeIfAbsent(r.c().folder() + " / " + r.c().category(), k -> new int[2]);
            row[1]++;
            if (r.failure() == null) {
                row[0]++;
            }
        }
        StringBuilder out = new StringBuilder("\n" + title + "\n");
        out.append(String.format("%-38s %7s %7s %7s%n", "folder / category", "passed", "cases", "rate"));
        rows.forEach(
                (k, v) -> out.append(String.format("%-38s %7d %7d %6.1f%%%n", k, v[0], v[1], 100.0 * v[0] / v[1])));
        for (String category : List.of("pure", "stubbable")) {
            long total = results.stream()
                    .filter(r -> r.c().category().equals(category))
                    .count();
            long passed = results.stream()
                    .filter(r -> r.c().category().equals(category) && r.failure() == null)
                    .count();
            out.append(String.format(
                    "%-38s %7d %7d %6.1f%%%n",
                    "TOTAL " + category, passed, total, 100.0 * passed / Math.max(1, total)));
        }
        if (historiesCompared) {
            appendHistories(out, results);
        }
        out.append("\nFailures:\n");
        results.stream()
                .filter(r -> r.failure() != null)
                .forEach(r -> out.append("  ")
                        .append(r.c().name())
                        .append("\n      ")
                        .append(r.failure())
                        .append('\n'));
        System.out.println(out);
    }

    private static void appendHistories(StringBuilder out, List<Result> results) {
        long compared = results.stream()
                .filter(r -> r.c().history() != null
                        && r.c().expected().path("order_sensitive").asBoolean(true))
                .count();
        long historyOk = results.stream()
                .filter(r -> r.c().history() != null
                        && r.c().expected().path("order_sensitive").asBoolean(true)
                        && r.historyDifference() == null)
                .count();
        out.append(String.format(
                "%nHistory event types identical to the recording (sequential cases): %d of %d%n",
                historyOk, compared));
        results.stream()
                .filter(r -> r.historyDifference() != null)
                .limit(HISTORY_DIFFS_SHOWN)
                .forEach(r -> out.append("  ")
                        .append(r.c().name())
                        .append("\n        ")
                        .append(r.historyDifference())
                        .append('\n'));
    }
}
