package com.ccs.workflows.testing;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
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

    public CapturedLogs() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        appender = WriterAppender.newBuilder().setName("captured-" + System.nanoTime()).setTarget(out)
                .setLayout(PatternLayout.newBuilder().withPattern("%p %c %m %X %ex%n").build()).build();
        appender.start();
        // The project's loggers do not pass events up to the root, so listen on each configured logger.
        loggers.add(config.getRootLogger());
        loggers.addAll(config.getLoggers().values());
        loggers.stream().distinct().forEach(logger -> logger.addAppender(appender, null, null));
        context.updateLoggers();
    }

    public String text() {
        return out.toString();
    }

    @Override
    public void close() {
        loggers.forEach(logger -> logger.removeAppender(appender.getName()));
        appender.stop();
        ((LoggerContext) LogManager.getContext(false)).updateLoggers();
    }
}
