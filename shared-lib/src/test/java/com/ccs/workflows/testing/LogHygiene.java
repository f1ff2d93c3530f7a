package com.ccs.workflows.testing;

import com.ccs.workflows.shared.logging.LogLevels;
import com.ccs.workflows.shared.logging.Restore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.event.Level;

/**
 * Runs handler invocations with everything they log captured and scans each invocation's output with a
 * {@link LogScan} extended with that invocation's event. What is scanned is what reaches CloudWatch for the
 * invocation: the function's JSON log lines at DEBUG and above (the most a deployment can switch on), whatever it
 * writes to stdout and stderr (EMF metric records), and an exception the handler throws as Lambda's runtime logs
 * it (class and message of each cause). Findings are collected and reported together, each with its case.
 */
public final class LogHygiene implements AutoCloseable {
    private static final int MAX_REPORTED = 15;

    private final String handler;
    private final LogScan scan;
    private final Restore level;
    private final CapturedLogs logs;
    private final List<String> failures = new ArrayList<>();
    private int invocations;
    private int offending;
    private int withOutput;
    private long lines;

    public LogHygiene(String handler, LogScan scan) {
        this.handler = handler;
        this.scan = scan;
        this.level = LogLevels.override(Level.DEBUG);
        this.logs = CapturedLogs.quietAsDeployed();
    }

    /** Runs {@code invocation} (its exceptions are expected outcomes here) and scans what it logged against {@code event}. */
    public void invoke(String label, Object event, Runnable invocation) {
        invocations++;
        int mark = logs.length();
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
        StringBuilder thrown = new StringBuilder();
        System.setOut(capture);
        System.setErr(capture);
        try {
            invocation.run();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                thrown.append(t.getClass().getName())
                        .append(": ")
                        .append(t.getMessage())
                        .append('\n');
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String text = logs.textSince(mark) + printed.toString(StandardCharsets.UTF_8) + thrown;
        if (!text.isBlank()) {
            withOutput++;
            lines += text.lines().count();
        }
        List<LogScan.Finding> found = scan.event(event).findings(text);
        if (!found.isEmpty() && offending++ <= MAX_REPORTED) {
            failures.add(offending > MAX_REPORTED ? "..." : label + ": " + LogScan.describe(found));
        }
    }

    /** The names of the sample events under {@code events/functions/<module>/}, sorted, for {@link SampleEvents#load}. */
    public static List<String> samples(String module) {
        try (Stream<Path> files = Files.list(Path.of("../../events/functions", module))) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .sorted()
                    .toList();
            if (names.isEmpty()) {
                throw new IllegalStateException("no sample events for " + module);
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cases to scan: every case that changed one of {@code focus} (field shapes), then evenly spaced others up to {@code count}. */
    public static List<HostileEvents.Case> pick(List<HostileEvents.Case> cases, int count, Set<String> focus) {
        List<HostileEvents.Case> picked = new ArrayList<>();
        List<HostileEvents.Case> others = new ArrayList<>();
        for (HostileEvents.Case c : cases) {
            (c.paths().stream().anyMatch(p -> focus.contains(HostileEvents.shape(p))) ? picked : others).add(c);
        }
        int room = Math.max(0, count - picked.size());
        for (int i = 0; i < room && !others.isEmpty(); i++) {
            int at = (int) ((long) i * others.size() / room);
            if (at < others.size()) {
                picked.add(others.get(at));
            }
        }
        return picked;
    }

    /** Prints what was scanned; fails when nothing was logged at all (the scan saw nothing) or anything was found. */
    public void report() {
        System.out.println(handler + ": logs of " + invocations + " invocations scanned (" + withOutput + " wrote "
                + lines + " lines)");
        if (lines == 0) {
            throw new AssertionError(
                    handler + ": " + invocations + " invocations logged nothing: the scan saw no log line");
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(handler + ": logs of " + offending
                    + " invocation(s) hold what must not be logged:\n" + String.join("\n", failures));
        }
    }

    @Override
    public void close() {
        logs.close();
        level.close();
    }
}
