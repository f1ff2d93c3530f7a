package com.ccs.workflows.createcontract;

import java.util.Objects;

/**
 * What the workflow asks to be recorded: the execution that asks (its name is the idempotency key), the
 * validated customer request and the approval that let it through. Amounts are whole Colombian pesos.
 */
public record ContractTerms(
        String executionId,
        String customerId,
        String companyName,
        String documentType,
        String documentId,
        String contractType,
        int numberOfVehicles,
        long estimatedValue,
        String currency,
        String paymentMethod,
        ContractApproval approval) {

    public ContractTerms {
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(companyName, "companyName");
        Objects.requireNonNull(documentType, "documentType");
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(contractType, "contractType");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(paymentMethod, "paymentMethod");
        Objects.requireNonNull(approval, "approval");
    }
}
