package com.ccs.workflows.approval;

import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.Month;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How values read in one language: pesos ({@code $ 15.000.000 COP}, {@code $15,000,000 COP}), times in Bogotá
 * ({@code 7 dic 2026, 17:24}), time left ({@code 23 h}), contract types and documents. Messages and pages format
 * through here, so the manager reads the same figure in the mail and on the page.
 */
public final class ApprovalFormat {
    /** Colombia keeps one time zone all year (UTC-5, no daylight saving): every time shown is Bogotá's. */
    public static final ZoneId BOGOTA = ZoneId.of("America/Bogota");

    private final ApprovalLanguage language;
    private final DateTimeFormatter dateTime;

    private ApprovalFormat(ApprovalLanguage language) {
        this.language = language;
        this.dateTime = new DateTimeFormatterBuilder()
                .appendValue(ChronoField.DAY_OF_MONTH)
                .appendLiteral(' ')
                .appendText(ChronoField.MONTH_OF_YEAR, shortMonths(language))
                .appendLiteral(' ')
                .appendValue(ChronoField.YEAR, 4)
                .appendLiteral(", ")
                .appendPattern("HH:mm")
                .toFormatter(language.locale())
                .withZone(BOGOTA);
    }

    public static ApprovalFormat of(ApprovalLanguage language) {
        return new ApprovalFormat(language);
    }

    public ApprovalLanguage language() {
        return language;
    }

    /** Whole pesos as Colombia writes them: {@code $ 15.000.000 COP} (es-CO), {@code $15,000,000 COP} (en). */
    public String pesos(long pesos) {
        String digits = NumberFormat.getIntegerInstance(language.locale()).format(pesos);
        return (language == ApprovalLanguage.ES_CO ? "$ " : "$") + digits + " COP";
    }

    /** {@code 7 dic 2026, 17:24} in Bogotá, without the zone's name (see {@link #dateTimeInBogota}). */
    public String dateTime(Instant instant) {
        return dateTime.format(instant);
    }

    /** {@code 7 dic 2026, 17:24 (hora de Bogotá)}. */
    public String dateTimeInBogota(Instant instant) {
        return dateTime(instant) + " (" + Words.BOGOTA_TIME.in(language) + ")";
    }

    /**
     * The time left, rounded down: {@code 23 h}, {@code 45 min}, {@code 3 días}; under a minute reads as less than
     * one, and a time already past as none.
     */
    public String timeLeft(Duration left) {
        long minutes = left.isNegative() ? 0 : left.toMinutes();
        if (minutes < 1) {
            return Words.LESS_THAN_A_MINUTE.in(language);
        }
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        if (hours < 48) {
            return hours + " h";
        }
        long days = hours / 24;
        return count(days) + " " + (days == 1 ? Words.DAY : Words.DAYS).in(language);
    }

    /** {@code vence el 7 dic 2026, 17:24 (hora de Bogotá), en 23 h}; once past, {@code venció el ...}. */
    public String deadline(Instant expiresAt, Instant now) {
        if (!now.isBefore(expiresAt)) {
            return String.format(Locale.ROOT, Words.CLOSED_ON.in(language), dateTimeInBogota(expiresAt));
        }
        return String.format(
                Locale.ROOT,
                Words.DUE_ON.in(language),
                dateTimeInBogota(expiresAt),
                timeLeft(Duration.between(now, expiresAt)));
    }

    /** {@code 75 vehículos}, {@code 1 vehículo}. */
    public String vehicles(long count) {
        return count(count) + " " + (count == 1 ? Words.VEHICLE : Words.VEHICLES).in(language);
    }

    /** The contract type's name ({@code premium} reads Premium); a type this version does not know, as stored. */
    public String contractType(String type) {
        if (type == null) {
            return "";
        }
        return switch (type) {
            case "basic" -> Words.BASIC.in(language);
            case "standard" -> Words.STANDARD.in(language);
            case "premium" -> "Premium";
            case "enterprise" -> Words.ENTERPRISE.in(language);
            default -> type;
        };
    }

    /** {@code RUT 900123456-8}; empty when the approval predates documents in the summary. */
    public String document(String type, String number) {
        if (number == null || number.isBlank()) {
            return "";
        }
        return type == null || type.isBlank() ? number : type + " " + number;
    }

    /**
     * {@code ABC123, DEF456 (2 de 75)}: the first {@code shown} plates, then how many more, then how many of the
     * vehicles are listed; or that none is listed yet.
     */
    public String plates(List<String> plates, long vehicles, int shown) {
        if (plates.isEmpty()) {
            return Words.NO_PLATES_YET.in(language);
        }
        String listed = String.join(", ", plates.subList(0, Math.min(shown, plates.size())));
        if (plates.size() > shown) {
            listed += " " + String.format(Locale.ROOT, Words.AND_MORE.in(language), count(plates.size() - shown));
        }
        return listed + " (" + platesOf(plates.size(), vehicles) + ")";
    }

    /** {@code 2 de 75}: how many of the vehicles have a plate listed. */
    public String platesOf(int listed, long vehicles) {
        return String.format(Locale.ROOT, Words.PLATES_OF.in(language), count(listed), count(vehicles));
    }

    /** {@code 9.980} (es-CO), {@code 9,980} (en). */
    public String count(long value) {
        return NumberFormat.getIntegerInstance(language.locale()).format(value);
    }

    /** Month abbreviations without a final period, whatever the JDK's locale data ({@code dic}, {@code Dec}). */
    private static Map<Long, String> shortMonths(ApprovalLanguage language) {
        Map<Long, String> names = new HashMap<>();
        for (Month month : Month.values()) {
            String name = month.getDisplayName(TextStyle.SHORT, language.locale());
            names.put((long) month.getValue(), name.endsWith(".") ? name.substring(0, name.length() - 1) : name);
        }
        return names;
    }

    /** The words of the formats, in both languages. */
    enum Words {
        BOGOTA_TIME("hora de Bogotá", "Bogotá time"),
        LESS_THAN_A_MINUTE("menos de 1 min", "less than 1 min"),
        DAY("día", "day"),
        DAYS("días", "days"),
        DUE_ON("vence el %s, en %s", "due %s, in %s"),
        CLOSED_ON("venció el %s", "closed %s"),
        VEHICLE("vehículo", "vehicle"),
        VEHICLES("vehículos", "vehicles"),
        BASIC("Básico", "Basic"),
        STANDARD("Estándar", "Standard"),
        ENTERPRISE("Empresarial", "Enterprise"),
        NO_PLATES_YET("ninguna registrada todavía", "none listed yet"),
        PLATES_OF("%s de %s", "%s of %s"),
        AND_MORE("y %s más", "and %s more");

        private final String spanish;
        private final String english;

        Words(String spanish, String english) {
            this.spanish = spanish;
            this.english = english;
        }

        String in(ApprovalLanguage language) {
            return language == ApprovalLanguage.ES_CO ? spanish : english;
        }
    }
}
