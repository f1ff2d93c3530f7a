package com.ccs.workflows.createcontract;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.testing.MutableClock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link ContractService} guarantees, written once and run against every {@link ContractStore}: the
 * in-memory one ({@link ContractServiceTest}) and DynamoDB in the emulator ({@link DynamoDbContractStoreIT}).
 * Each test gets a fresh, empty store.
 */
abstract class ContractServiceScenarios {
    static final Instant MARCH_2026 = Instant.parse("2026-03-01T10:15:30.123Z");

    MutableClock clock;
    ContractStore store;
    ContractService service;

    /** A new, empty store. */
    abstract ContractStore newStore();

    /** How many contract items (not markers or counters) the store holds. */
    abstract int storedContracts();

    @BeforeEach
    void freshService() {
        clock = new MutableClock(MARCH_2026);
        store = newStore();
        service = new ContractService(store, clock);
    }

    @Test
    void firstContractOfTheYearIsNumberOne() {
        ContractCreation result = service.create(Requests.automatic("exec-first"));

        assertThat(result.created()).isTrue();
        Contract contract = result.contract();
        assertThat(contract.contractId()).isEqualTo("CONT-2026-000001");
        assertThat(contract.status()).isEqualTo("created");
        assertThat(contract.createdAt()).isEqualTo(MARCH_2026);
        assertThat(store.findByExecution("exec-first")).contains(contract);
    }

    @Test
    void differentExecutionsGetSequentialIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ids.add(service.create(Requests.automatic("exec-seq-" + i))
                    .contract()
                    .contractId());
        }

        assertThat(ids).containsExactly("CONT-2026-000001", "CONT-2026-000002", "CONT-2026-000003");
    }

    @Test
    void retriedExecutionGetsTheSameContractAndUsesNoNumber() {
        ContractCreation first = service.create(Requests.automatic("exec-retried"));
        clock.set(MARCH_2026.plusSeconds(90));
        ContractCreation retry = service.create(Requests.automatic("exec-retried"));

        assertThat(retry.created()).isFalse();
        assertThat(retry.contract()).isEqualTo(first.contract());
        assertThat(retry.contract().createdAt()).isEqualTo(MARCH_2026);
        assertThat(service.create(Requests.automatic("exec-next")).contract().contractId())
                .isEqualTo("CONT-2026-000002");
        assertThat(storedContracts()).isEqualTo(2);
    }

    @Test
    void manualApprovalKeepsApproverDecisionTimeAndComment() {
        Instant decidedAt = Instant.parse("2026-03-01T09:00:00Z");
        service.create(Requests.manual("exec-manual", "maria.gomez@ccs.example.com", decidedAt, "Fleet verified"));

        Contract stored = store.findByExecution("exec-manual").orElseThrow();
        assertThat(stored.request().approval())
                .isEqualTo(new ContractApproval.Manual("maria.gomez@ccs.example.com", decidedAt, "Fleet verified"));
        assertThat(stored.request().numberOfVehicles()).isEqualTo(75);
        assertThat(stored.request().estimatedValue()).isEqualTo(15_000_000L);
    }

    @Test
    void manualApprovalWithoutCommentIsStoredWithoutOne() {
        Instant decidedAt = Instant.parse("2026-03-01T09:00:00Z");
        service.create(Requests.manual("exec-manual-bare", "ana.ruiz@ccs.example.com", decidedAt, null));

        assertThat(store.findByExecution("exec-manual-bare")
                        .orElseThrow()
                        .request()
                        .approval())
                .isEqualTo(new ContractApproval.Manual("ana.ruiz@ccs.example.com", decidedAt, null));
    }

    @Test
    void counterStartsAgainWithTheUtcYear() {
        clock.set(Instant.parse("2026-12-31T23:59:59.900Z"));
        String lastOf2026 =
                service.create(Requests.automatic("exec-nye")).contract().contractId();
        clock.set(Instant.parse("2027-01-01T00:00:00Z"));
        String firstOf2027 =
                service.create(Requests.automatic("exec-new-year")).contract().contractId();
        // 21:00 on New Year's Eve in Bogota is already 2027 in UTC: the id follows UTC whatever the clock's zone.
        service = new ContractService(
                store, new MutableClock(Instant.parse("2027-01-01T02:00:00Z"), ZoneId.of("America/Bogota")));
        String bogotaEvening =
                service.create(Requests.automatic("exec-bogota")).contract().contractId();

        assertThat(lastOf2026).isEqualTo("CONT-2026-000001");
        assertThat(firstOf2027).isEqualTo("CONT-2027-000001");
        assertThat(bogotaEvening).isEqualTo("CONT-2027-000002");
    }

    @Test
    void concurrentDuplicatesOfOneExecutionCreateOneContract() throws Exception {
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<ContractCreation>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<ContractCreation> call = () -> {
                    start.await();
                    return service.create(Requests.automatic("exec-concurrent"));
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            List<ContractCreation> outcomes = new ArrayList<>();
            for (Future<ContractCreation> result : results) {
                outcomes.add(result.get());
            }

            Set<String> ids =
                    outcomes.stream().map(o -> o.contract().contractId()).collect(Collectors.toSet());
            assertThat(ids).hasSize(1);
            assertThat(outcomes).filteredOn(ContractCreation::created).hasSize(1);
            assertThat(store.findByExecution("exec-concurrent").orElseThrow().contractId())
                    .isEqualTo(ids.iterator().next());
            assertThat(storedContracts()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
