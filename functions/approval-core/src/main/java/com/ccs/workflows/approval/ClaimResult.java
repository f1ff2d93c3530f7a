package com.ccs.workflows.approval;

/** Outcome of the conditional pending -> decided update: exactly one concurrent caller gets {@link Claimed}. */
public sealed interface ClaimResult {

    /** This caller recorded the decision and now owns resuming the execution. */
    record Claimed(Approval approval) implements ClaimResult {}

    /** The approval was no longer pending (or its window had closed); {@code current} is its state now. */
    record NotPending(Approval current) implements ClaimResult {}

    record NotFound() implements ClaimResult {}
}
