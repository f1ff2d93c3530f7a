package com.ccs.workflows.localrunner.standins;

/** A request the Stripe stand-in refuses, with Stripe's invalid_request_error answer. */
final class StripeRefusal extends RuntimeException {
    private final transient StripeAnswer answer;

    StripeRefusal(int status, String code, String param, String message) {
        super(message, null, false, false);
        this.answer =
                new StripeAnswer(status, StripeAnswer.error("invalid_request_error", code, null, message, null, param));
    }

    StripeAnswer answer() {
        return answer;
    }
}
