package com.ccs.workflows.shared.logging;

import com.ccs.workflows.shared.config.FunctionEnvironment;
import java.util.Locale;
import org.slf4j.event.Level;

/**
 * Which log lines are written. The project's own loggers ({@code com.ccs.workflows...}) write from the level in
 * {@code AWS_LAMBDA_LOG_LEVEL} (Lambda's advanced logging controls), else {@code POWERTOOLS_LOG_LEVEL} (the
 * template's setting), else INFO; every other logger (the AWS SDK, the JDK's HTTP client) from WARN, so a
 * library's chatter never reaches CloudWatch at the price of the function's own lines.
 */
public final class LogLevels {
    static final String PROJECT = "com.ccs.workflows";

    private static volatile Level project = fromEnvironment();

    private LogLevels() {}

    /** The level of the project's loggers now. */
    public static Level project() {
        return project;
    }

    /** Sets the project's level until the returned handle is closed (tests that scan DEBUG lines or mute INFO). */
    public static Restore override(Level level) {
        Level previous = project;
        project = level;
        return () -> project = previous;
    }

    static boolean enabled(boolean projectLogger, Level level) {
        return level.toInt() >= (projectLogger ? project : Level.WARN).toInt();
    }

    static Level fromEnvironment() {
        var env = FunctionEnvironment.variables();
        for (String name : new String[] {"AWS_LAMBDA_LOG_LEVEL", "POWERTOOLS_LOG_LEVEL"}) {
            Level level = parse(env.get(name));
            if (level != null) {
                return level;
            }
        }
        return Level.INFO;
    }

    /** A level name as Lambda and Powertools spell them (FATAL is ERROR here); null when unknown. */
    static Level parse(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String upper = name.strip().toUpperCase(Locale.ROOT);
        if (upper.equals("FATAL")) {
            return Level.ERROR;
        }
        for (Level level : Level.values()) {
            if (level.name().equals(upper)) {
                return level;
            }
        }
        return null;
    }
}
