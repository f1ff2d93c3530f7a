package com.ccs.workflows.activateservice;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

import java.io.StringWriter;

/** Everything the module logs while open, as text with each line's context (MDC), for assertions on log fields. */
final class CapturedLogs implements AutoCloseable {
    private final StringWriter out = new StringWriter();
    private final WriterAppender appender;
    private final java.util.List<LoggerConfig> loggers = new java.util.ArrayList<>();

    CapturedLogs() {
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

    String text() {
        return out.toString();
    }

    @Override
    public void close() {
        loggers.forEach(logger -> logger.removeAppender(appender.getName()));
        appender.stop();
        ((LoggerContext) LogManager.getContext(false)).updateLoggers();
    }
}
