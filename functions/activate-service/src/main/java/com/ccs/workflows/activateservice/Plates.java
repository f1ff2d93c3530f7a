package com.ccs.workflows.activateservice;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Colombian plates as the vehicles table keys them: three letters and three digits, upper case, without the
 * separator people write ({@code abc-123}, {@code ABC 123} and {@code ABC123} are the same vehicle).
 */
final class Plates {
    private static final Pattern PLATE = Pattern.compile("[A-Z]{3}[0-9]{3}");

    private Plates() {
    }

    /** The normalised plate, or empty when {@code raw} is not a plate in that format. */
    static Optional<String> normalise(String raw) {
        String plate = raw.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        return PLATE.matcher(plate).matches() ? Optional.of(plate) : Optional.empty();
    }
}
