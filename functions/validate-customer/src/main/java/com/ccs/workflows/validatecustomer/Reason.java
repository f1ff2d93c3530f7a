package com.ccs.workflows.validatecustomer;

import com.ccs.workflows.errors.InvalidInputException;

/**
 * One finding about one field of the request: {@code field} is the dotted path into the event
 * ({@code company_info.tax_id}, {@code vehicles[2].plate}), {@code message} says why, in words a caller can act on.
 * Rendered as {@code "field: message"}, the same shape as {@link InvalidInputException}'s message.
 */
public record Reason(String field, String message) {

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
