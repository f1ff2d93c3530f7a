package com.ccs.workflows.processpayment;

/**
 * The payment provider as the domain needs it: charge a saved payment method once per idempotency key.
 *
 * <p>Implementations return declines as {@link PaymentOutcome.Declined} and throw
 * {@link com.ccs.workflows.errors.DependencyUnavailableException} for transient provider faults (the state
 * machine retries those with the same key), {@link PaymentProviderCredentialsException} when the provider
 * rejects the function's credentials and {@link PaymentRequestRejectedException} when it rejects the request.
 */
public interface PaymentGateway {

    PaymentOutcome charge(ChargeCommand command);
}
