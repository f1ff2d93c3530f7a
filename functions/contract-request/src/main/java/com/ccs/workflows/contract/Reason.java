package com.ccs.workflows.contract;

import com.ccs.workflows.errors.InvalidInputException;

/**
 * One finding about one field of the request: {@code field} is the dotted path into the event
 * ({@code company_info.tax_id}, {@code vehicles[2].plate}), {@code message} says why, in words a caller can act on.
 * Rendered as {@code "field: message"}, the same shape as {@link InvalidInputException}'s message.
 */
public record Reason(String field, String message) {
    /**
     * The longest message kept; the longest the validator writes is about 150 characters. A message can quote input
     * (a number is named in full when it is not an integer), and reasons go to the output and to the execution's
     * failure cause, so a longer one is cut, saying how long it was.
     */
    public static final int MAX_MESSAGE_CHARS = 300;

    public Reason {
        if (message.length() > MAX_MESSAGE_CHARS) {
            String suffix = "... (" + message.length() + " characters)";
            int keep = MAX_MESSAGE_CHARS - suffix.length();
            if (Character.isHighSurrogate(message.charAt(keep - 1))) {
                keep--; // never half a character
            }
            message = message.substring(0, keep) + suffix;
        }
    }

    public static Reason of(InvalidInputException e) {
        String prefix = e.field() + ": ";
        String text = e.getMessage();
        return new Reason(e.field(), text.startsWith(prefix) ? text.substring(prefix.length()) : text);
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
