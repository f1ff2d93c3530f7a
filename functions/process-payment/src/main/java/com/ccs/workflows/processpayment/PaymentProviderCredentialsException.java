package com.ccs.workflows.processpayment;

/**
 * The function has no usable Stripe key: the secret is missing, unreadable or malformed, or Stripe answered
 * 401/403 even after the key was read again. Retrying cannot help until an operator fixes the secret, so the
 * state machine does not retry it. Messages never contain the key. Step Functions sees it as
 * {@code com.ccs.workflows.processpayment.PaymentProviderCredentialsException}.
 */
public final class PaymentProviderCredentialsException extends RuntimeException {

    public PaymentProviderCredentialsException(String message) {
        super(message);
    }

    public PaymentProviderCredentialsException(String message, Throwable cause) {
        super(message, cause);
    }
}
