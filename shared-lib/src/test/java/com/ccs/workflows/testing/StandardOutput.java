package com.ccs.workflows.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What an action prints to standard output, where Lambda takes the EMF metric records from. */
public final class StandardOutput {
    private StandardOutput() {}

    /** Runs {@code action} with standard output captured and returns what it printed; the stream is restored after. */
    public static String of(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
