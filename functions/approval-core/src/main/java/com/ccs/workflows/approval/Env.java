package com.ccs.workflows.approval;

import java.time.Duration;
import java.util.Map;

/** Reads this module's configuration from environment variables, naming any that is missing or wrong. */
final class Env {
    static final Duration DEFAULT_REMINDER_LEAD = Duration.ofHours(2);

    private final Map<String, String> env;

    Env(Map<String, String> env) {
        this.env = env;
    }

    String required(String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value.strip();
    }

    String optional(String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    /** {@code APPROVAL_LANGUAGE}: es-CO (the default), en, or auto ({@link LanguageSetting}). */
    LanguageSetting language() {
        return LanguageSetting.parse(env.get(LanguageSetting.VARIABLE));
    }

    Duration reminderLead() {
        String value = env.get("REMINDER_LEAD_SECONDS");
        if (value == null || value.isBlank()) {
            return DEFAULT_REMINDER_LEAD;
        }
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds <= 0) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("REMINDER_LEAD_SECONDS must be a positive number of seconds, got " + value);
        }
    }
}
