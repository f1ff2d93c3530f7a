package com.ccs.workflows.processpayment;

import java.util.Map;

/**
 * One off-session charge of a saved payment method, in the terms of the payment provider: the amount already
 * in minor units and the idempotency key that makes every retry of the same contract the same charge.
 */
public record ChargeCommand(String idempotencyKey,
                            String stripeCustomerId,
                            String paymentMethodId,
                            long amountMinor,
                            String currency,
                            String description,
                            Map<String, String> metadata) {

    static final String IDEMPOTENCY_PREFIX = "ccs-payment-";

    public ChargeCommand {
        metadata = Map.copyOf(metadata);
    }

    /**
     * The charge for a contract. The idempotency key depends on the contract only, so a Lambda retry, a state
     * machine retry or a re-driven execution replays the first charge instead of creating a second one.
     */
    public static ChargeCommand forContract(PaymentRequest request) {
        return new ChargeCommand(
                IDEMPOTENCY_PREFIX + request.contractId(),
                request.stripeCustomerId(),
                request.paymentMethodId(),
                request.amountMinor(),
                request.currency().stripeCode(),
                "CCS contract " + request.contractId() + " (customer " + request.customerId() + ")",
                metadata(request));
    }

    private static Map<String, String> metadata(PaymentRequest request) {
        return request.paymentMethod()
                .map(method -> Map.of("contract_id", request.contractId(), "customer_id", request.customerId(),
                        "payment_method", method))
                .orElseGet(() -> Map.of("contract_id", request.contractId(), "customer_id", request.customerId()));
    }
}
