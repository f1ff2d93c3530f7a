package com.ccs.workflows.processpayment;

import java.util.Map;

/**
 * A PaymentIntent as a customer's list of them shows it: enough to tell which part of which contract it charged,
 * whether it succeeded and whether it was refunded since.
 *
 * @param created  Stripe's creation time, epoch seconds
 * @param refunded whether any of its charge was refunded
 */
public record ChargeRecord(String id, String status, long created, Map<String, String> metadata, boolean refunded) {
    public ChargeRecord {
        metadata = Map.copyOf(metadata);
    }
}
