package com.ccs.workflows.createcontract;

import java.time.Instant;

/** Contract requests for tests, shaped like the module's example request. */
final class Requests {
    private Requests() {}

    static ContractTerms automatic(String executionId) {
        return request(executionId, 25, new ContractApproval.Automatic());
    }

    static ContractTerms manual(String executionId, String approver, Instant decidedAt, String comment) {
        return request(executionId, 75, new ContractApproval.Manual(approver, decidedAt, comment));
    }

    static ContractTerms request(String executionId, int vehicles, ContractApproval approval) {
        return new ContractTerms(
                executionId,
                "CUST-98765",
                "Transportes ABC S.A.S.",
                "NIT",
                "900123456-8",
                "premium",
                vehicles,
                15_000_000L,
                "COP",
                "credit_card",
                approval);
    }
}
