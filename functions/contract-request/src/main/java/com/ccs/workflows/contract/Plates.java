package com.ccs.workflows.contract;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Colombian registration plates as a fleet lists them, and the one normalised form every function keys them by
 * (the vehicles table's {@code plate}): upper case, no separator.
 *
 * <ul>
 *   <li>cars, trucks and buses: three letters and three digits, {@code ABC123};</li>
 *   <li>motorcycles: three letters, two digits and a letter, {@code ABC12D};</li>
 *   <li>trailers and semi-trailers: {@code R} or {@code S} and five digits, {@code R12345}, {@code S12345}.</li>
 * </ul>
 * People write them with a hyphen or a space after the letters ({@code abc-123}, {@code ABC 123}); one such
 * separator is accepted, any letter case, surrounding blanks ignored. Anything else is not a plate: guessing
 * would let two spellings of one vehicle become two vehicles.
 */
public final class Plates {
    private static final Pattern PLATE =
            Pattern.compile("([A-Za-z]{3})[- ]?([0-9]{3}|[0-9]{2}[A-Za-z])|([RSrs])[- ]?([0-9]{5})");

    /** What a plate must look like, for reasons that refuse one. */
    public static final String FORMATS = "a Colombian plate: ABC123 (car, truck, bus), ABC12D (motorcycle) or"
            + " R12345/S12345 (trailer), a hyphen or space after the letters allowed";

    private Plates() {}

    /** The plate as the vehicles table keys it ({@code ABC123}), or empty when {@code raw} is not a plate. */
    public static Optional<String> normalise(String raw) {
        // Matched before upper-casing: upper-casing can turn one character into two (a ligature into "FF").
        var matcher = PLATE.matcher(raw.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String plate =
                matcher.group(1) != null ? matcher.group(1) + matcher.group(2) : matcher.group(3) + matcher.group(4);
        return Optional.of(plate.toUpperCase(Locale.ROOT));
    }
}
