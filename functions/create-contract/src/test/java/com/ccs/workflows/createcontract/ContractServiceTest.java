package com.ccs.workflows.createcontract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.errors.DependencyUnavailableException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The shared scenarios on the in-memory store, plus the races that only a scripted store can stage exactly. */
class ContractServiceTest extends ContractServiceScenarios {
    private InMemoryContractStore memory;

    @Override
    ContractStore newStore() {
        memory = new InMemoryContractStore();
        return memory;
    }

    @Override
    int storedContracts() {
        return memory.contractCount();
    }

    @Test
    void duplicateThatWinsTheRaceKeepsItsContractAndTheLoserReturnsIt() {
        InMemoryContractStore shared = new InMemoryContractStore();
        // Between our marker read and our write, a duplicate of the execution records its own contract.
        ContractStore racing = new DelegatingStore(shared) {
            boolean raced;

            @Override
            public InsertOutcome insert(Contract contract) {
                if (!raced) {
                    raced = true;
                    new ContractService(shared, clock).create(contract.request());
                }
                return super.insert(contract);
            }
        };

        ContractCreation loser = new ContractService(racing, clock).create(Requests.automatic("exec-raced"));

        assertThat(loser.created()).isFalse();
        assertThat(loser.contract().contractId()).isEqualTo("CONT-2026-000002");
        assertThat(shared.contractCount()).isEqualTo(1);
        // The loser's number (1) is burned: a gap, never a second contract.
        assertThat(shared.counter(2026)).isEqualTo(2);
    }

    @Test
    void ownWriteReportedAsDuplicateBySdkRetryStillCountsAsCreated() {
        InMemoryContractStore shared = new InMemoryContractStore();
        // The first attempt of the request was applied but its response lost; the retry finds the marker.
        ContractStore retried = new DelegatingStore(shared) {
            @Override
            public InsertOutcome insert(Contract contract) {
                super.insert(contract);
                return InsertOutcome.EXECUTION_ALREADY_RECORDED;
            }
        };

        ContractCreation result = new ContractService(retried, clock).create(Requests.automatic("exec-lost-response"));

        assertThat(result.created()).isTrue();
        assertThat(result.contract().contractId()).isEqualTo("CONT-2026-000001");
    }

    @Test
    void takenIdMovesToTheNextNumber() {
        InMemoryContractStore shared = new InMemoryContractStore();
        // A contract numbered 1 exists although the counter is at 0 (e.g. the counter item was lost in a restore).
        shared.insert(new Contract("CONT-2026-000001", Requests.automatic("exec-old"), "active", MARCH_2026));
        ContractCreation result = new ContractService(shared, clock).create(Requests.automatic("exec-after-restore"));

        assertThat(result.created()).isTrue();
        assertThat(result.contract().contractId()).isEqualTo("CONT-2026-000002");
    }

    @Test
    void persistentConflictIsHandedToTheStateMachineAsTransient() {
        ContractStore conflicting = new DelegatingStore(new InMemoryContractStore()) {
            @Override
            public InsertOutcome insert(Contract contract) {
                return InsertOutcome.CONFLICT;
            }
        };

        assertThatThrownBy(() -> new ContractService(conflicting, clock).create(Requests.automatic("exec-conflict")))
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessageContaining("exec-conflict")
                .hasMessageContaining("CONFLICT");
    }

    @Test
    void createdAtIsTruncatedToMilliseconds() {
        clock.set(Instant.parse("2026-05-05T05:05:05.123456789Z"));

        assertThat(service.create(Requests.automatic("exec-nanos")).contract().createdAt())
                .isEqualTo(Instant.parse("2026-05-05T05:05:05.123Z"));
    }

    /** Forwards everything to a real in-memory store; tests override the one step they script. */
    private static class DelegatingStore implements ContractStore {
        private final ContractStore delegate;

        DelegatingStore(ContractStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<Contract> findByExecution(String executionId) {
            return delegate.findByExecution(executionId);
        }

        @Override
        public long nextSequence(int year) {
            return delegate.nextSequence(year);
        }

        @Override
        public InsertOutcome insert(Contract contract) {
            return delegate.insert(contract);
        }
    }
}
