package com.ccs.workflows.processpayment;

/**
 * Stripe refused the request itself (HTTP 400/404, not a card decline): e.g. the customer or payment method
 * does not exist, or the same contract was already charged with different parameters ({@code idempotency_error}).
 * (An amount Stripe will not charge, {@code amount_too_large} or {@code amount_too_small}, is a decline instead.) The same request would be refused
 * again, so the state machine does not retry it; the message carries Stripe's code, parameter and request id
 * for the operator. Step Functions sees it as
 * {@code com.ccs.workflows.processpayment.PaymentRequestRejectedException}.
 */
public final class PaymentRequestRejectedException extends RuntimeException {
    private final String code;

    public PaymentRequestRejectedException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** Stripe's error code ({@code resource_missing}, {@code idempotency_error}...), or null when it gave none. */
    public String code() {
        return code;
    }
}
