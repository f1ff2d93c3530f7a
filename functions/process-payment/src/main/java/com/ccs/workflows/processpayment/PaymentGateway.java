package com.ccs.workflows.processpayment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The payment provider as the domain needs it.
 *
 * <p>Implementations return declines as {@link PaymentOutcome.Declined} and throw
 * {@link com.ccs.workflows.errors.DependencyUnavailableException} for transient provider faults (the state
 * machine retries those with the same keys), {@link PaymentProviderCredentialsException} when the provider
 * rejects the function's credentials and {@link PaymentRequestRejectedException} when it rejects the request.
 */
public interface PaymentGateway {

    /** The provider's customer that names the platform's {@code customerId} (Stripe: metadata {@code ccs_customer_id}). */
    CustomerLookup findCustomer(String customerId);

    /** The payment method charged when the caller names none: the customer's default, or its only saved card. */
    Optional<String> defaultPaymentMethod(String stripeCustomerId);

    /** The customer's charges created at or after {@code since} (all of them when empty), read consistently. */
    List<ChargeRecord> chargesOf(String stripeCustomerId, Optional<Instant> since);

    /** Charges a saved payment method once per idempotency key. */
    PaymentOutcome charge(ChargeCommand command);

    /** Refunds a charge in full; a charge already refunded is done, not an error. */
    void refund(RefundCommand command);
}
