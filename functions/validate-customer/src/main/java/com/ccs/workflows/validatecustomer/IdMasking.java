package com.ccs.workflows.validatecustomer;

/**
 * Masks identity numbers for logs: {@code 900123456-8} becomes {@code 90012****8}. Enough stays visible to tell
 * two requests apart while investigating, never enough to read the number.
 */
public final class IdMasking {

    private IdMasking() {
    }

    public static String mask(String id) {
        if (id == null) {
            return "";
        }
        StringBuilder plain = new StringBuilder();
        id.codePoints().filter(Character::isLetterOrDigit).forEach(plain::appendCodePoint);
        int length = plain.length();
        if (length <= 4) {
            return "*".repeat(length);
        }
        int head = Math.min(5, length / 2);
        return plain.substring(0, head) + "*".repeat(length - head - 1) + plain.charAt(length - 1);
    }
}
