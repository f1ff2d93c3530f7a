package com.ccs.workflows.contract;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The identity documents a contract holder may present. RUT and NIT are one family: the RUT is the tax
 * registration whose number is the NIT, so both are checked as a NIT with its DIAN check digit.
 */
public enum DocumentType {
    RUT,
    NIT,
    CC,
    CE,
    PP;

    private static final Pattern GROUPED_DIGITS = Pattern.compile("\\d{1,3}(?:\\.\\d{3})+|\\d+");
    private static final Pattern PASSPORT = Pattern.compile("[A-Za-z0-9]{5,15}");

    /** The type named exactly by {@code code} (upper case, as the other functions store it). */
    public static Optional<DocumentType> fromCode(String code) {
        return Arrays.stream(values()).filter(type -> type.name().equals(code)).findFirst();
    }

    public boolean isNit() {
        return this == RUT || this == NIT;
    }

    /** Why {@code documentId} is not a well-formed number of this type; empty when it is. NIT family: see {@link Nit}. */
    public Optional<String> problemWith(String documentId) {
        String id = documentId.strip();
        return switch (this) {
            case RUT, NIT ->
                Nit.parse(id) instanceof Nit.Parsed.Invalid invalid ? Optional.of(invalid.reason()) : Optional.empty();
            case CC -> digits(id, 4, 10, "a cedula de ciudadania number");
            case CE -> digits(id, 3, 10, "a cedula de extranjeria number");
            case PP ->
                PASSPORT.matcher(id).matches()
                        ? Optional.empty()
                        : Optional.of("must be a passport number of 5 to 15 letters or digits");
        };
    }

    private static Optional<String> digits(String id, int min, int max, String what) {
        int length = id.replace(".", "").length();
        if (GROUPED_DIGITS.matcher(id).matches() && length >= min && length <= max) {
            return Optional.empty();
        }
        return Optional.of(
                "must be " + what + " of " + min + " to " + max + " digits (dots allowed between thousands)");
    }
}
