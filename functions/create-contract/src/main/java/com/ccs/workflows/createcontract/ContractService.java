package com.ccs.workflows.createcontract;

import com.ccs.workflows.createcontract.ContractStore.InsertOutcome;
import com.ccs.workflows.errors.DependencyUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * Records one contract per workflow execution.
 *
 * <p>The execution name is the idempotency key: a Lambda retry, a Step Functions retry or a re-driven execution
 * finds the marker of its first attempt and gets the same contract back. Two attempts racing each other both
 * miss the marker, both take a counter value, but only one can write the marker (the write is conditional and
 * transactional with the contract); the loser reads the winner's contract. Its counter value is never used, so
 * contract numbers can have gaps; they are unique and increasing, not dense.
 *
 * <p>The year of the id is the UTC year of the creation time, so every region and test agrees on it.
 */
public final class ContractService {
    /** Fresh ids tried within one invocation before handing the retry to the state machine. */
    static final int MAX_ATTEMPTS = 3;

    private final ContractStore store;
    private final Clock clock;

    public ContractService(ContractStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ContractCreation create(ContractTerms request) {
        Optional<Contract> recorded = store.findByExecution(request.executionId());
        if (recorded.isPresent()) {
            return new ContractCreation(recorded.get(), false);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        int year = now.atZone(ZoneOffset.UTC).getYear();
        InsertOutcome last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Contract contract =
                    new Contract(Contract.idFor(year, store.nextSequence(year)), request, Contract.CREATED, now);
            last = store.insert(contract);
            if (last == InsertOutcome.INSERTED) {
                return new ContractCreation(contract, true);
            }
            recorded = store.findByExecution(request.executionId());
            if (recorded.isPresent()) {
                // Our own write can surface as "already recorded" when the SDK retried a request that had succeeded.
                boolean ours = recorded.get().contractId().equals(contract.contractId());
                return new ContractCreation(recorded.get(), ours);
            }
            // Id taken or a transaction conflict, and still no contract for this execution: try the next number.
        }
        throw new DependencyUnavailableException(
                "DynamoDB",
                "could not record a contract for execution " + request.executionId() + " in " + MAX_ATTEMPTS
                        + " attempts (last outcome " + last + ")",
                null);
    }
}
