package com.ccs.workflows.createcontract;

import java.time.Instant;
import java.util.Objects;

/** How the contract request was approved: automatically (small fleets) or by a manager's recorded decision. */
public sealed interface ContractApproval {

    /** {@code automatic} or {@code manual}, the value stored as {@code approval_type} and returned to the workflow. */
    String type();

    record Automatic() implements ContractApproval {
        @Override
        public String type() {
            return "automatic";
        }
    }

    /** A manager's approval; {@code comment} may be null (the manager did not write one). */
    record Manual(String approver, Instant decidedAt, String comment) implements ContractApproval {
        public Manual {
            Objects.requireNonNull(approver, "approver");
            Objects.requireNonNull(decidedAt, "decidedAt");
        }

        @Override
        public String type() {
            return "manual";
        }
    }
}
