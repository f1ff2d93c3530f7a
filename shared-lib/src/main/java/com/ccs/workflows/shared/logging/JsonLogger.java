package com.ccs.workflows.shared.logging;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;

/** An SLF4J logger that writes each enabled call as one JSON line ({@link LogLine}). */
final class JsonLogger extends LegacyAbstractLogger {
    private final boolean projectLogger;

    JsonLogger(String name) {
        this.name = name;
        this.projectLogger = name.equals(LogLevels.PROJECT) || name.startsWith(LogLevels.PROJECT + ".");
    }

    @Override
    public boolean isTraceEnabled() {
        return LogLevels.enabled(projectLogger, Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return LogLevels.enabled(projectLogger, Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return LogLevels.enabled(projectLogger, Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return LogLevels.enabled(projectLogger, Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return LogLevels.enabled(projectLogger, Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
            Level level, Marker marker, String message, Object[] arguments, Throwable thrown) {
        LogOutput.write(LogLine.format(level, name, message, arguments, thrown));
    }
}
