package com.ccs.workflows.approval;

import com.ccs.workflows.contract.ContractRequest;

/** What the manager needs to see to decide; copied from the contract request, nothing sensitive. */
public record RequestSummary(String customerId, String companyName, long numberOfVehicles, String contractType,
                             long estimatedValue) {

    /** The summary of a request read by the rules every business function shares. */
    public static RequestSummary of(ContractRequest request) {
        return new RequestSummary(request.customerId(), request.companyName(), request.numberOfVehicles(),
                request.contractType(), request.estimatedValue());
    }
}
