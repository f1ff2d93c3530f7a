package com.ccs.workflows.contract;

/**
 * Masks identity numbers for logs: {@code 900123456-8} becomes {@code ******4568}. Only the last characters stay
 * visible, at most four and always fewer than half: enough to tell two requests apart while investigating, never
 * enough to narrow the number down (showing both ends, a NIT's first five digits and its check digit, left about a
 * thousand candidates).
 */
public final class IdMasking {
    static final int MAX_VISIBLE = 4;

    private IdMasking() {}

    public static String mask(String id) {
        if (id == null) {
            return "";
        }
        StringBuilder plain = new StringBuilder();
        id.codePoints().filter(Character::isLetterOrDigit).forEach(plain::appendCodePoint);
        int length = plain.length();
        int visible = length <= 4 ? 0 : Math.min(MAX_VISIBLE, (length - 1) / 2);
        return "*".repeat(length - visible) + plain.substring(length - visible);
    }
}
