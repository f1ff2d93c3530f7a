package com.ccs.workflows.processpayment;

import java.util.Map;

/**
 * One off-session charge of a saved payment method, in the terms of the payment provider: the amount already
 * in minor units and the idempotency key that makes every retry of the same part of a contract the same charge.
 */
public record ChargeCommand(
        String idempotencyKey,
        String stripeCustomerId,
        String paymentMethodId,
        long amountMinor,
        String currency,
        String description,
        Map<String, String> metadata) {

    public ChargeCommand {
        metadata = Map.copyOf(metadata);
    }
}
