package com.ccs.workflows.processpayment;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The time an invocation has left for Stripe calls. A call is started only with {@link #RESERVE} to spare: a charge
 * can take two calls of up to the client's timeouts each, and the answer must still reach the state machine before
 * the function times out. What does not fit is left for the next invocation.
 */
public final class Deadline {
    static final Duration RESERVE = Duration.ofSeconds(15);

    private final LongSupplier remainingMillis;

    private Deadline(LongSupplier remainingMillis) {
        this.remainingMillis = remainingMillis;
    }

    /** From the Lambda context's remaining time. */
    public static Deadline of(LongSupplier remainingMillis) {
        return new Deadline(remainingMillis);
    }

    /** No limit (priming, tests). */
    public static Deadline none() {
        return new Deadline(() -> Long.MAX_VALUE);
    }

    /** Whether another call may start now. */
    public boolean allowsAnotherCall() {
        return remainingMillis.getAsLong() > RESERVE.toMillis();
    }
}
