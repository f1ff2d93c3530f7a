package com.ccs.workflows.shared.logging;

import java.util.function.Consumer;

/**
 * Where finished log lines go: standard output, as Lambda expects (each line becomes one CloudWatch event). The
 * stream is looked up per line so a host that swaps {@code System.out} sees the lines. Tests divert the lines
 * to read them.
 */
public final class LogOutput {
    private static final Consumer<String> STANDARD_OUTPUT = line -> System.out.println(line);

    private static volatile Consumer<String> sink = STANDARD_OUTPUT;

    private LogOutput() {}

    /** Sends every line to {@code lines} instead, until the returned handle is closed. */
    public static Restore divert(Consumer<String> lines) {
        Consumer<String> previous = sink;
        sink = lines;
        return () -> sink = previous;
    }

    /** Sends every line to {@code lines} as well as where it went before, until the returned handle is closed. */
    public static Restore copy(Consumer<String> lines) {
        Consumer<String> previous = sink;
        return divert(line -> {
            previous.accept(line);
            lines.accept(line);
        });
    }

    static void write(String line) {
        sink.accept(line);
    }
}
