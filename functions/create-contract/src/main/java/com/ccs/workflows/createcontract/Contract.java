package com.ccs.workflows.createcontract;

import java.time.Instant;
import java.util.Objects;

/** A stored contract: its readable id ({@code CONT-2026-000042}), the request it records, status and creation time. */
public record Contract(String contractId, ContractTerms request, String status, Instant createdAt) {
    public static final String CREATED = "created";

    public Contract {
        Objects.requireNonNull(contractId, "contractId");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The readable id for the {@code sequence}-th contract of {@code year}, the sequence padded to six digits. */
    public static String idFor(int year, long sequence) {
        return String.format("CONT-%d-%06d", year, sequence);
    }
}
