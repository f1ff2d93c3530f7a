package com.ccs.workflows.approval;

import java.util.Optional;

/** What the manager can decide; the path segment of each link is the wire form. */
public enum Decision {
    APPROVE("approve", ApprovalStatus.APPROVED),
    REJECT("reject", ApprovalStatus.REJECTED);

    private final String segment;
    private final ApprovalStatus outcome;

    Decision(String segment, ApprovalStatus outcome) {
        this.segment = segment;
        this.outcome = outcome;
    }

    public String segment() {
        return segment;
    }

    /** The status an approval takes when this decision is recorded. */
    public ApprovalStatus outcome() {
        return outcome;
    }

    /** The decision the manager can take instead: the page offers both. */
    public Decision other() {
        return this == APPROVE ? REJECT : APPROVE;
    }

    /** Exact, case-sensitive match: the signature covers the segment, so there is one spelling only. */
    public static Optional<Decision> fromSegment(String value) {
        for (Decision decision : values()) {
            if (decision.segment.equals(value)) {
                return Optional.of(decision);
            }
        }
        return Optional.empty();
    }

    public static Optional<Decision> of(ApprovalStatus status) {
        return switch (status) {
            case APPROVED -> Optional.of(APPROVE);
            case REJECTED -> Optional.of(REJECT);
            default -> Optional.empty();
        };
    }
}
