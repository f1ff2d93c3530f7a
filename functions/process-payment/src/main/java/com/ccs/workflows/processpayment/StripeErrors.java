package com.ccs.workflows.processpayment;

import com.ccs.workflows.errors.DependencyUnavailableException;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.StripeError;
import java.util.Optional;
import java.util.Set;

/**
 * Sorts Stripe's failures into what the state machine should do with them:
 * <ul>
 *   <li>card errors (HTTP 402) are declines, i.e. data ({@link #declined(CardException)});</li>
 *   <li>an amount Stripe will not charge ({@code amount_too_large}, {@code amount_too_small}) is data too
 *   ({@link #amountRefused(StripeException)}): no retry can change it, and the contract is simply unpaid;</li>
 *   <li>no answer (connect/read timeout, dropped connection), 429 rate limits, 409 conflicts (lock_timeout,
 *   a concurrent request with the same idempotency key) and 5xx are transient:
 *   {@link DependencyUnavailableException}, retried with the same idempotency key, so a charge that did
 *   happen before the fault is replayed, not repeated;</li>
 *   <li>401/403 mean the key is wrong: {@link PaymentProviderCredentialsException}, without Stripe's message
 *   or cause (which can quote part of the key);</li>
 *   <li>any other 4xx means the request itself is refused: {@link PaymentRequestRejectedException}.</li>
 * </ul>
 */
final class StripeErrors {
    static final String DEPENDENCY = "stripe";
    /** Stripe's codes for an amount outside what it charges (at most eight digits in minor units, a minimum per currency). */
    static final Set<String> AMOUNT_OUT_OF_RANGE = Set.of("amount_too_large", "amount_too_small");

    private StripeErrors() {}

    static PaymentOutcome.Declined declined(CardException e) {
        StripeError error = e.getStripeError();
        String message = error != null && error.getMessage() != null ? error.getMessage() : "The card was declined.";
        return new PaymentOutcome.Declined(firstNonBlank(e.getDeclineCode(), e.getCode(), "card_declined"), message);
    }

    /** A 400 refusing the amount itself, as a decline with Stripe's code; empty for any other failure. */
    static Optional<PaymentOutcome.Declined> amountRefused(StripeException e) {
        Integer status = e.getStatusCode();
        if (status == null || status != 400 || !AMOUNT_OUT_OF_RANGE.contains(e.getCode())) {
            return Optional.empty();
        }
        StripeError error = e.getStripeError();
        String message = error != null && error.getMessage() != null
                ? error.getMessage()
                : "Stripe cannot charge this amount in this currency.";
        return Optional.of(new PaymentOutcome.Declined(e.getCode(), message));
    }

    static RuntimeException translate(StripeException e) {
        int status = e.getStatusCode() == null ? 0 : e.getStatusCode();
        if (e instanceof AuthenticationException || status == 401 || status == 403) {
            return new PaymentProviderCredentialsException("Stripe rejected the API key (HTTP " + status
                    + (e.getRequestId() == null ? "" : ", request " + e.getRequestId()) + ")");
        }
        if (e instanceof ApiConnectionException) {
            return new DependencyUnavailableException(DEPENDENCY, "no answer from Stripe: " + e.getMessage(), e);
        }
        if (e instanceof RateLimitException
                || e instanceof ApiException
                || status == 409
                || status == 429
                || status >= 500) {
            return new DependencyUnavailableException(
                    DEPENDENCY, "Stripe answered HTTP " + status + ": " + e.getMessage(), e);
        }
        return new PaymentRequestRejectedException(
                e.getCode(), "Stripe refused the request (HTTP " + status + "): " + e.getMessage(), e);
    }

    static String firstNonBlank(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no fallback given");
    }
}
