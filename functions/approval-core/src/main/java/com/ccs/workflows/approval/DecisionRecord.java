package com.ccs.workflows.approval;

import java.time.Instant;

/**
 * The recorded decision: who, when, the optional comment, and the claim id of the invocation that owns the
 * resume of the execution (so only that invocation can roll the decision back or mark it resumed).
 */
public record DecisionRecord(String decidedBy, Instant decidedAt, String comment, String claimId) {}
