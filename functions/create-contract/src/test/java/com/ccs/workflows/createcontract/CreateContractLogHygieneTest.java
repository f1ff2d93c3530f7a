package com.ccs.workflows.createcontract;

import com.ccs.workflows.testing.HostileEvents;
import com.ccs.workflows.testing.LogHygiene;
import com.ccs.workflows.testing.LogScan;
import com.ccs.workflows.testing.MutableClock;
import com.ccs.workflows.testing.SampleEvents;
import com.ccs.workflows.testing.TestLambdaContext;
import com.ccs.workflows.testing.ThrottledDynamoDb;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What create-contract logs, for every sample event (twice: the replay finds the recorded contract), for hostile
 * events and when DynamoDB throttles or every write conflicts, holds no secret and no document number of the
 * request (see {@link LogScan}).
 */
class CreateContractLogHygieneTest {
    private static final String MODULE = "create-contract";
    private static final Set<String> PERSONAL = Set.of(
            "request.document_id",
            "request.company_info.tax_id",
            "execution_id",
            "request.execution_id",
            "approval.approver");
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T15:00:00Z"));

    /** A contracts table that throttles every read, as DynamoDB does under load. */
    private static final DynamoDbClient THROTTLED = ThrottledDynamoDb.everyRead();

    /** A store whose every insert collides with a concurrent transaction, so the service gives up after its attempts. */
    private static ContractStore alwaysConflicting() {
        InMemoryContractStore store = new InMemoryContractStore();
        return new ContractStore() {
            @Override
            public Optional<Contract> findByExecution(String executionId) {
                return store.findByExecution(executionId);
            }

            @Override
            public long nextSequence(int year) {
                return store.nextSequence(year);
            }

            @Override
            public InsertOutcome insert(Contract contract) {
                return InsertOutcome.CONFLICT;
            }
        };
    }

    private static void invoke(LogHygiene hygiene, String label, Object event, ContractStore store) {
        CreateContractHandler handler = new CreateContractHandler(new ContractService(store, CLOCK));
        @SuppressWarnings("unchecked")
        Map<String, Object> request = (Map<String, Object>) event;
        hygiene.invoke(label, event, () -> handler.handle(request, new TestLambdaContext("ccs-test-" + MODULE)));
    }

    @Test
    void samplesHostileEventsAndStoreFailuresLogNoSecretOrDocumentNumber() {
        Map<String, Object> manual = SampleEvents.load(MODULE, "manual.json");
        HostileEvents events = HostileEvents.seeded();
        try (LogHygiene hygiene = new LogHygiene(MODULE, LogScan.create())) {
            for (String name : LogHygiene.samples(MODULE)) {
                Map<String, Object> sample = SampleEvents.load(MODULE, name);
                InMemoryContractStore store = new InMemoryContractStore();
                invoke(hygiene, name, sample, store);
                invoke(hygiene, name + " again", sample, store);
                invoke(
                        hygiene,
                        name + " with DynamoDB throttling",
                        sample,
                        new DynamoDbContractStore(THROTTLED, "ccs-test-contracts"));
                invoke(hygiene, name + " with every write conflicting", sample, alwaysConflicting());
            }
            for (HostileEvents.Case c : LogHygiene.pick(events.cases(manual, 100), 400, PERSONAL)) {
                invoke(hygiene, c.toString(), c.event(), new InMemoryContractStore());
            }
            hygiene.report();
        }
    }
}
