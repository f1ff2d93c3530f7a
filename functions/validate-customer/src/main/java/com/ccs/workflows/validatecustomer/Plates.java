package com.ccs.workflows.validatecustomer;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Colombian vehicle plates (cars, trucks, buses): three letters and three digits, written {@code ABC123} or
 * {@code ABC-123}, in any letter case. The normalised form {@code ABC123} is the key of the vehicles table, so two
 * spellings of one plate are the same vehicle.
 */
public final class Plates {
    private static final Pattern PLATE = Pattern.compile("[A-Za-z]{3}-?[0-9]{3}");

    private Plates() {
    }

    /** The plate as {@code ABC123}, or empty when {@code raw} is not a Colombian plate. */
    public static Optional<String> normalise(String raw) {
        String text = raw.strip();
        if (!PLATE.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(text.replace("-", "").toUpperCase(Locale.ROOT));
    }
}
