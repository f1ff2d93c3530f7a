package com.ccs.workflows.createcontract;

import java.util.Optional;

/** Where contracts live: the contracts table in production, a map in unit tests. */
public interface ContractStore {

    /** The contract already recorded for this execution, if any (read strongly consistent). */
    Optional<Contract> findByExecution(String executionId);

    /** Atomically increments and returns the contract counter of {@code year} (1 for the year's first contract). */
    long nextSequence(int year);

    /**
     * Records the contract together with its execution's idempotency marker, both or neither.
     * Never overwrites: an existing marker or contract id is reported, not replaced.
     */
    InsertOutcome insert(Contract contract);

    enum InsertOutcome {
        INSERTED,
        /** The execution already has a contract (a concurrent duplicate won the race); nothing was written. */
        EXECUTION_ALREADY_RECORDED,
        /** The contract id is taken (the counter is behind the stored contracts); nothing was written. */
        CONTRACT_ID_TAKEN,
        /** The write collided with a concurrent transaction on the same items; nothing was written. */
        CONFLICT
    }
}
