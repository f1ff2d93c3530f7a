package com.ccs.workflows.contract;

/**
 * A request field as it arrived: a usable value, absent, or present with the wrong JSON type. Keeping the three
 * apart lets the validator report a wrong type once (instead of also calling the field missing) and keep checking
 * every other field, so the caller gets every problem in one answer.
 */
public sealed interface Input<T> {

    record Given<T>(T value) implements Input<T> {}

    record Missing<T>() implements Input<T> {}

    /** The field is there but unreadable (e.g. a string where a number belongs); {@code reason} says so. */
    record Malformed<T>(Reason reason) implements Input<T> {}

    static <T> Input<T> given(T value) {
        return new Given<>(value);
    }

    static <T> Input<T> missing() {
        return new Missing<>();
    }
}
