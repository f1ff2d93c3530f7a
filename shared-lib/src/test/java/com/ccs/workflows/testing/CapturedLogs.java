package com.ccs.workflows.testing;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.AppenderRef;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything logged while open, as text with each line's context (MDC): for assertions on log fields, and that a
 * secret never appears in the logs.
 */
public final class CapturedLogs implements AutoCloseable {
    private final StringWriter out = new StringWriter();
    private final WriterAppender appender;
    private final List<LoggerConfig> loggers = new ArrayList<>();
    private final List<Detached> detached = new ArrayList<>();

    /** An appender taken off a logger while a quiet capture is open, with what it takes to put it back. */
    private record Detached(LoggerConfig logger, Appender appender, AppenderRef ref) {
    }

    public CapturedLogs() {
        this(false);
    }

    /**
     * What Lambda would receive, and only here: the lines in the layout of the configured console appender (the
     * functions' JSON, structured arguments included), which is detached while this is open. For scans of everything
     * logged, over runs of thousands of invocations whose console output would flood the test report.
     */
    public static CapturedLogs quietAsDeployed() {
        return new CapturedLogs(true);
    }

    private CapturedLogs(boolean deployed) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        Layout<?> layout = deployed ? config.getRootLogger().getAppenders().values().stream().map(Appender::getLayout)
                .filter(java.util.Objects::nonNull).findFirst().orElseThrow(() -> new IllegalStateException("no console layout configured"))
                : PatternLayout.newBuilder().withPattern("%p %c %m %X %ex%n").build();
        appender = WriterAppender.newBuilder().setName("captured-" + System.nanoTime()).setTarget(out).setLayout(layout).build();
        appender.start();
        // The project's loggers do not pass events up to the root, so listen on each configured logger.
        loggers.add(config.getRootLogger());
        loggers.addAll(config.getLoggers().values());
        if (deployed) {
            loggers.stream().distinct().forEach(logger -> {
                for (AppenderRef ref : logger.getAppenderRefs()) {
                    Appender other = logger.getAppenders().get(ref.getRef());
                    if (other != null) {
                        detached.add(new Detached(logger, other, ref));
                        logger.removeAppender(ref.getRef());
                    }
                }
            });
        }
        loggers.stream().distinct().forEach(logger -> logger.addAppender(appender, null, null));
        context.updateLoggers();
    }

    public String text() {
        return out.toString();
    }

    /** How many characters have been captured so far: a mark for {@link #textSince(int)}. */
    public int length() {
        return out.getBuffer().length();
    }

    /** What was captured after {@code mark}, without copying everything before it. */
    public String textSince(int mark) {
        return out.getBuffer().substring(mark);
    }

    @Override
    public void close() {
        loggers.forEach(logger -> logger.removeAppender(appender.getName()));
        detached.forEach(d -> d.logger().addAppender(d.appender(), d.ref().getLevel(), d.ref().getFilter()));
        appender.stop();
        ((LoggerContext) LogManager.getContext(false)).updateLoggers();
    }
}
