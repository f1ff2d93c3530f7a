package com.ccs.workflows.shared.logging;

import com.ccs.workflows.shared.config.FunctionEnvironment;
import com.ccs.workflows.shared.event.JsonText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.slf4j.MDC;
import org.slf4j.event.Level;
import org.slf4j.helpers.MessageFormatter;

/**
 * One log call as one JSON object, with the field names of Powertools' Lambda layout so queries and dashboards
 * written for it work unchanged: {@code timestamp}, {@code level}, {@code logger}, {@code message},
 * {@code service}, then the MDC (the Lambda context and correlation ids that {@code Observability} puts there),
 * then the {@link LogField} arguments, then {@code error} ({@code name}, {@code message}, {@code stack}).
 */
final class LogLine {
    // MDC values are strings; these are written as the JSON types Powertools gives them.
    private static final Set<String> BOOLEAN_FIELDS = Set.of("cold_start");
    private static final Set<String> NUMBER_FIELDS = Set.of("function_memory_size");

    private LogLine() {}

    static String format(Level level, String logger, String message, Object[] arguments, Throwable thrown) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"timestamp\":\"");
        appendTimestamp(out, System.currentTimeMillis());
        out.append("\",\"level\":\"").append(level.name()).append('"');
        field(out, "logger", logger);
        field(
                out,
                "message",
                arguments == null || arguments.length == 0 || message == null
                        ? String.valueOf(message)
                        : MessageFormatter.basicArrayFormat(message, arguments));
        field(out, "service", FunctionEnvironment.serviceName());
        Map<String, String> context = MDC.getCopyOfContextMap();
        if (context != null) {
            context.forEach((key, value) -> {
                if (BOOLEAN_FIELDS.contains(key) && ("true".equals(value) || "false".equals(value))
                        || NUMBER_FIELDS.contains(key) && digits(value)) {
                    out.append(',');
                    JsonText.appendQuoted(out, key);
                    out.append(':').append(value);
                } else {
                    field(out, key, value);
                }
            });
        }
        if (arguments != null) {
            for (Object argument : arguments) {
                if (argument instanceof LogField f) {
                    out.append(',');
                    JsonText.appendQuoted(out, f.key());
                    out.append(':');
                    JsonText.appendValue(out, f.value());
                }
            }
        }
        if (thrown != null) {
            out.append(",\"error\":{");
            JsonText.appendQuoted(out, "name");
            out.append(':');
            JsonText.appendQuoted(out, thrown.getClass().getName());
            field(out, "message", String.valueOf(thrown.getMessage()));
            field(out, "stack", stackTrace(thrown));
            out.append('}');
        }
        return out.append('}').toString();
    }

    private static boolean digits(String value) {
        if (value == null || value.isEmpty() || value.length() > 9) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static void field(StringBuilder out, String key, String value) {
        out.append(',');
        JsonText.appendQuoted(out, key);
        out.append(':');
        if (value == null) {
            out.append("null");
        } else {
            JsonText.appendQuoted(out, value);
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss.SSSZ} in UTC, without java.time's formatter (a hundred classes on a cold start). */
    static void appendTimestamp(StringBuilder out, long epochMillis) {
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(epochMillis, 86_400_000L));
        int millisOfDay = (int) Math.floorMod(epochMillis, 86_400_000L);
        out.append(date.getYear()).append('-');
        two(out, date.getMonthValue()).append('-');
        two(out, date.getDayOfMonth()).append('T');
        two(out, millisOfDay / 3_600_000).append(':');
        two(out, millisOfDay / 60_000 % 60).append(':');
        two(out, millisOfDay / 1000 % 60).append('.');
        int millis = millisOfDay % 1000;
        out.append(millis < 100 ? (millis < 10 ? "00" : "0") : "")
                .append(millis)
                .append('Z');
    }

    private static StringBuilder two(StringBuilder out, int value) {
        return out.append(value < 10 ? "0" : "").append(value);
    }

    private static String stackTrace(Throwable thrown) {
        StringWriter text = new StringWriter();
        thrown.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
