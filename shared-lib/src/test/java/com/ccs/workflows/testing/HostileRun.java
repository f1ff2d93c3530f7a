package com.ccs.workflows.testing;

import com.ccs.workflows.errors.InvalidInputException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Runs {@link HostileEvents} cases through a handler and holds the checks every handler shares: what an
 * {@link InvalidInputException} may look like (names a real field of the event, no stack trace, no huge echo).
 * Failures are collected and reported together, each with its case, so one run shows every broken kind of input.
 * While cases run, INFO logs and EMF metric lines are muted: thousands of invocations would otherwise write
 * megabytes to the test output (WARN and above still show).
 */
public final class HostileRun {
    /** An error message longer than this echoes too much of the input (the longest legitimate ones are ~350). */
    public static final int MAX_MESSAGE_CHARS = 1024;

    private static final Pattern STACK_TRACE =
            Pattern.compile("(?m)^\\s*at [\\w$.]+\\(|Caused by:|\\bException\\b.*\\n\\s+at |\\.java:\\d+\\)");
    private static final int MAX_REPORTED = 15;

    private final String handler;
    private final HostileEvents events;
    private final List<String> failures = new ArrayList<>();
    private int tried;
    private int rejected;

    public HostileRun(String handler, HostileEvents events) {
        this.handler = handler;
        this.events = events;
    }

    /** Runs {@code check} on every case, logs muted; a thrown AssertionError or exception is recorded with the case. */
    public HostileRun run(List<HostileEvents.Case> cases, Consumer<HostileEvents.Case> check) {
        PrintStream out = System.out;
        AutoCloseable level = InfoMuted.start();
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            for (HostileEvents.Case c : cases) {
                tried++;
                try {
                    check.accept(c);
                } catch (AssertionError | RuntimeException | StackOverflowError e) {
                    if (failures.size() < MAX_REPORTED) {
                        failures.add(c + ": " + e.getClass().getName() + ": " + clip(String.valueOf(e.getMessage())));
                    } else if (failures.size() == MAX_REPORTED) {
                        failures.add("...");
                    }
                }
            }
        } finally {
            System.setOut(out);
            InfoMuted.stop(level);
        }
        return this;
    }

    /** Counts a case the handler refused (exception or 4xx); printed in the summary. */
    public void rejected() {
        rejected++;
    }

    /** Prints {@code <handler>: N hostile events tried, seed S} and fails with every recorded failure. */
    public void report() {
        System.out.println(handler + ": " + tried + " hostile events tried, seed " + events.seed() + " (" + rejected
                + " rejected, " + (tried - rejected) + " answered normally)");
        if (!failures.isEmpty()) {
            throw new AssertionError(handler + ": " + failures.size() + " hostile event(s) mishandled (seed "
                    + events.seed() + ", replay with -Dccs.hostile.seed=" + events.seed() + "):\n  "
                    + String.join("\n  ", failures));
        }
    }

    public int tried() {
        return tried;
    }

    /**
     * The checks on a rejection: the field is a field of the event (its shape, indexes blanked, is one of
     * {@code realFields}) and related to what the case changed (the same path, a parent or a child), and the message
     * is short and free of stack traces.
     */
    public static void assertCleanInvalidInput(InvalidInputException e, HostileEvents.Case c, Set<String> realFields) {
        assertCleanInvalidInput(e, c, realFields, Set.of());
    }

    /**
     * The same, where a rule ties two fields: {@code coupled} holds pairs {@code "a~b"} (e.g.
     * {@code "number_of_vehicles~vehicles"}: lowering the fleet size makes the vehicle list too long, and the
     * error rightly names the list). A change to either field may be reported on the other.
     */
    public static void assertCleanInvalidInput(
            InvalidInputException e, HostileEvents.Case c, Set<String> realFields, Set<String> coupled) {
        String field = e.field();
        if (field == null || !(field.equals("$") || realFields.contains(HostileEvents.shape(field)))) {
            throw new AssertionError("field " + HostileEvents.escape(String.valueOf(field), 60)
                    + " is not a field of the event " + realFields);
        }
        boolean related = c.paths().stream()
                .anyMatch(p -> p.isEmpty()
                        || related(field, p)
                        || coupled.contains(HostileEvents.shape(p) + "~" + HostileEvents.shape(field))
                        || coupled.contains(HostileEvents.shape(field) + "~" + HostileEvents.shape(p)));
        if (!related) {
            throw new AssertionError("field " + field + " is not the changed field " + c.paths() + " (message: "
                    + clip(e.getMessage()) + ")");
        }
        assertCleanMessage(e.getMessage());
        if (e.getCause() != null) {
            throw new AssertionError("InvalidInputException carries a cause: " + e.getCause());
        }
    }

    /** A message (or response body) is bounded and shows no stack trace. */
    public static void assertCleanMessage(String message) {
        if (message == null || message.isBlank()) {
            throw new AssertionError("empty message");
        }
        if (message.length() > MAX_MESSAGE_CHARS) {
            throw new AssertionError("message of " + message.length() + " chars echoes the input: " + clip(message));
        }
        if (STACK_TRACE.matcher(message).find()) {
            throw new AssertionError("message shows a stack trace: " + clip(message));
        }
    }

    /** Whether {@code field} is the changed path, one of its parents or one of its children. */
    public static boolean related(String field, String changed) {
        return field.equals(changed) || isUnder(field, changed) || isUnder(changed, field);
    }

    private static boolean isUnder(String path, String ancestor) {
        return path.length() > ancestor.length()
                && path.startsWith(ancestor)
                && (path.charAt(ancestor.length()) == '.' || path.charAt(ancestor.length()) == '[');
    }

    private static String clip(String text) {
        return HostileEvents.escape(text, 200);
    }

    /**
     * The handlers' INFO lines muted while cases run. Loaded only where shared-lib itself is on the class path:
     * tests that run the functions from their zips (integration-tests) have no level of theirs to set here.
     */
    private static final class InfoMuted {
        static AutoCloseable start() {
            try {
                Class.forName("com.ccs.workflows.shared.logging.LogLevels", false, HostileRun.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                return null;
            }
            return com.ccs.workflows.shared.logging.LogLevels.override(org.slf4j.event.Level.WARN);
        }

        static void stop(AutoCloseable muted) {
            if (muted != null) {
                try {
                    muted.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
