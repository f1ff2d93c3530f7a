package com.ccs.workflows.approval;

import java.util.Locale;

/** Lifecycle of an approval item: {@code pending} until a decision or the end of the window, then final. */
public enum ApprovalStatus {
    PENDING,
    APPROVED,
    REJECTED,
    EXPIRED;

    /** The value stored in the table and returned to callers. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ApprovalStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
