package com.ccs.workflows.processpayment;

import java.util.Map;

/** The full refund of one charge ({@code pi_...}), under its own idempotency key. */
public record RefundCommand(String idempotencyKey, String paymentIntentId, Map<String, String> metadata) {
    public RefundCommand {
        metadata = Map.copyOf(metadata);
    }
}
