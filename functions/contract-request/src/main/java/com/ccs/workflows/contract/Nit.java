package com.ccs.workflows.contract;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Colombian NIT (tax id, also the number of a RUT): base number plus the DIAN check digit.
 *
 * <p>Accepted written form: the base number as digits, optionally grouped in thousands with dots, then a hyphen
 * and the check digit: {@code 900123456-8} or {@code 900.123.456-8}. The hyphen is required: in
 * {@code 9001234568} nobody can tell whether the last digit is the check digit or part of the number, so such a
 * value is rejected with a reason rather than guessed at. The base has 6 to 15 digits (15 is the number of
 * DIAN weights; company NITs have 9, a person's NIT is the cédula number).
 */
public record Nit(String base, int checkDigit) {

    /** DIAN weights, applied from the rightmost digit of the base number leftwards. */
    private static final int[] WEIGHTS = {3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71};

    static final int MIN_DIGITS = 6;
    static final int MAX_DIGITS = WEIGHTS.length;
    // No example number: messages reach logs, and a NIT-shaped example reads as a document number there.
    public static final String FORMAT_HINT = "digits (dots allowed between thousands), a hyphen and the check digit";

    private static final Pattern WRITTEN = Pattern.compile("(\\d{1,3}(?:\\.\\d{3})+|\\d+)-(\\d)");

    public Nit {
        if (!base.chars().allMatch(c -> c >= '0' && c <= '9')
                || base.length() < MIN_DIGITS
                || base.length() > MAX_DIGITS) {
            throw new IllegalArgumentException("a NIT base number has " + MIN_DIGITS + " to " + MAX_DIGITS + " digits");
        }
        if (checkDigit != checkDigitOf(base)) {
            throw new IllegalArgumentException("check digit does not match the base number");
        }
    }

    /** The outcome of reading a written NIT: the NIT, or why the text is not one. */
    public sealed interface Parsed {
        record Valid(Nit nit) implements Parsed {}

        record Invalid(String reason) implements Parsed {}
    }

    public static Parsed parse(String text) {
        Matcher m = WRITTEN.matcher(text.strip());
        if (!m.matches()) {
            return new Parsed.Invalid("must be a NIT written as " + FORMAT_HINT);
        }
        String base = m.group(1).replace(".", "");
        if (base.length() < MIN_DIGITS || base.length() > MAX_DIGITS) {
            return new Parsed.Invalid("the NIT number must have " + MIN_DIGITS + " to " + MAX_DIGITS
                    + " digits before the check digit, got " + base.length());
        }
        int given = m.group(2).charAt(0) - '0';
        int expected = checkDigitOf(base);
        if (given != expected) {
            // The number itself is not echoed: reasons end up in execution histories and logs.
            return new Parsed.Invalid("NIT check digit " + given + " does not match the DIAN check digit " + expected);
        }
        return new Parsed.Valid(new Nit(base, given));
    }

    /**
     * The DIAN check digit: each digit times its weight (3 for the rightmost, then 7, 13, ...), summed; remainder
     * modulo 11 of 0 or 1 is itself the digit, any other remainder r gives 11 - r.
     */
    public static int checkDigitOf(String base) {
        if (base.isEmpty() || base.length() > MAX_DIGITS || !base.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("the base must be 1 to " + MAX_DIGITS + " digits");
        }
        int sum = 0;
        for (int i = 0; i < base.length(); i++) {
            sum += (base.charAt(base.length() - 1 - i) - '0') * WEIGHTS[i];
        }
        int remainder = sum % 11;
        return remainder <= 1 ? remainder : 11 - remainder;
    }

    /** Canonical written form, {@code 900123456-8}. */
    @Override
    public String toString() {
        return base + "-" + checkDigit;
    }
}
