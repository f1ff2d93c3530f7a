package com.ccs.workflows.processpayment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The names a contract's charges carry at Stripe: idempotency keys and metadata, unique per stack, contract and
 * part. {@code scope} is the stack's own id (the CloudFormation stack id's unique part): two stacks on one Stripe
 * account (dev and staging) number their contracts alike, and without it the second would replay the first's
 * charges. The metadata is how the charges of a contract are found again when Stripe no longer keeps a key (after
 * 24 hours).
 */
public record ContractCharges(String scope, String contractId, String customerId, Optional<String> paymentMethod) {
    static final String SCOPE = "ccs_scope";
    static final String CONTRACT = "contract_id";
    static final String PART = "ccs_part";

    public ContractCharges {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(contractId, "contractId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(paymentMethod, "paymentMethod");
    }

    /** The idempotency key of part {@code part} of {@code parts}. */
    public String chargeKey(int part, int parts) {
        return "ccs-" + scope + "-" + contractId + "-pay-" + part + "of" + parts;
    }

    public String refundKey(int part, int parts) {
        return "ccs-" + scope + "-" + contractId + "-refund-" + part + "of" + parts;
    }

    public String description(int part, int parts) {
        return "CCS contract " + contractId + " (customer " + customerId + ")"
                + (parts > 1 ? ", part " + part + " of " + parts : "");
    }

    public Map<String, String> metadata(int part, int parts) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(CONTRACT, contractId);
        metadata.put("customer_id", customerId);
        paymentMethod.ifPresent(method -> metadata.put("payment_method", method));
        metadata.put(SCOPE, scope);
        metadata.put(PART, part + "/" + parts);
        return metadata;
    }

    /** The part a charge of this contract and stack is, from its metadata; empty for anything else. */
    public Optional<Integer> partOf(Map<String, String> metadata, int parts) {
        if (!scope.equals(metadata.get(SCOPE)) || !contractId.equals(metadata.get(CONTRACT))) {
            return Optional.empty();
        }
        String part = metadata.getOrDefault(PART, "");
        int slash = part.indexOf('/');
        try {
            if (slash > 0 && Integer.parseInt(part.substring(slash + 1)) == parts) {
                int index = Integer.parseInt(part.substring(0, slash));
                return index >= 1 && index <= parts ? Optional.of(index) : Optional.empty();
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
