package com.ccs.workflows.testing;

import com.ccs.workflows.shared.logging.LogOutput;
import com.ccs.workflows.shared.logging.Restore;

/**
 * Every log line written while open, exactly as Lambda would receive it (the functions' JSON, MDC and structured
 * fields included): for assertions on log fields, and that a secret never appears in the logs.
 */
public final class CapturedLogs implements AutoCloseable {
    private final StringBuffer out = new StringBuffer();
    private final Restore restore;

    /** Captures the lines and still prints them, for a test report that shows what the function logged. */
    public CapturedLogs() {
        this(false);
    }

    /**
     * Captures the lines without printing them: for scans of everything logged over runs of thousands of
     * invocations, whose console output would flood the test report.
     */
    public static CapturedLogs quietAsDeployed() {
        return new CapturedLogs(true);
    }

    private CapturedLogs(boolean quiet) {
        restore = quiet ? LogOutput.divert(this::add) : LogOutput.copy(this::add);
    }

    private void add(String line) {
        out.append(line).append('\n');
    }

    public String text() {
        return out.toString();
    }

    /** How many characters have been captured so far: a mark for {@link #textSince(int)}. */
    public int length() {
        return out.length();
    }

    /** What was captured after {@code mark}, without copying everything before it. */
    public String textSince(int mark) {
        return out.substring(mark);
    }

    @Override
    public void close() {
        restore.close();
    }
}
