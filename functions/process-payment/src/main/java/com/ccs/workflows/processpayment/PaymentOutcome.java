package com.ccs.workflows.processpayment;

/**
 * How one charge ended, as data: the money was taken, or the customer's bank or Stripe refused it. Faults of the
 * provider itself (timeouts, 429, 5xx) are not outcomes; they are thrown so the state machine retries them.
 */
public sealed interface PaymentOutcome {

    /** The PaymentIntent succeeded: {@code transactionId} is its {@code pi_...} id; {@code created} epoch seconds. */
    record Succeeded(String transactionId, long amountMinor, String currency, long created) implements PaymentOutcome {}

    /**
     * The charge was refused. {@code declineCode} is Stripe's decline code when the issuer gave one
     * ({@code insufficient_funds}, {@code authentication_required}...), else Stripe's error code
     * ({@code expired_card}, {@code card_declined}), or {@code amount_too_large} / {@code amount_too_small} when
     * Stripe will not charge the amount at all; {@code message} is Stripe's explanation, safe to show.
     */
    record Declined(String declineCode, String message) implements PaymentOutcome {}
}
