package com.ccs.workflows.activateservice;

import com.ccs.workflows.errors.DependencyUnavailableException;
import com.ccs.workflows.testing.HostileEvents;
import com.ccs.workflows.testing.LogHygiene;
import com.ccs.workflows.testing.LogScan;
import com.ccs.workflows.testing.MutableClock;
import com.ccs.workflows.testing.SampleEvents;
import com.ccs.workflows.testing.TestLambdaContext;
import com.ccs.workflows.testing.ThrottledDynamoDb;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What activate-service logs, for every sample event, for hostile events and when the contract is unknown, belongs
 * to another customer, or DynamoDB fails, holds no secret and no personal number (see {@link LogScan}).
 */
class ActivateServiceLogHygieneTest {
    private static final String MODULE = "activate-service";
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-03T08:00:00Z"));

    /** The sample contracts, paid and waiting for activation. */
    private static InMemoryFleetStore paidContracts() {
        InMemoryFleetStore store = new InMemoryFleetStore();
        store.addContract("CONT-2026-000042", "CUST-98765");
        store.addContract("CONT-2026-000043", "CUST-98765");
        return store;
    }

    /** The sample contracts, with the vehicles table failing as DynamoDB does when it stays throttled. */
    private static FleetStore vehiclesTableDown() {
        InMemoryFleetStore store = paidContracts();
        return new FleetStore() {
            @Override
            public Optional<ContractRecord> findContract(String contractId) {
                return store.findContract(contractId);
            }

            @Override
            public void registerVehicles(String customerId, List<ActiveVehicle> vehicles, boolean release) {
                throw new DependencyUnavailableException(
                        "DynamoDB", "0 of " + vehicles.size() + " vehicle items written", null);
            }

            @Override
            public Instant markActive(String contractId, Instant activatedAt, int vehiclesRegistered) {
                return store.markActive(contractId, activatedAt, vehiclesRegistered);
            }
        };
    }

    /** The contracts table throttling every read. */
    private static final DynamoDbClient THROTTLED = ThrottledDynamoDb.everyRead();

    private static void invoke(LogHygiene hygiene, String label, Object event, FleetStore store) {
        ActivateServiceHandler handler = new ActivateServiceHandler(new ServiceActivator(store, CLOCK));
        @SuppressWarnings("unchecked")
        Map<String, Object> request = (Map<String, Object>) event;
        hygiene.invoke(label, event, () -> handler.handle(request, new TestLambdaContext("ccs-test-" + MODULE)));
    }

    @Test
    void samplesHostileEventsAndStoreFailuresLogNoSecretOrPersonalNumber() {
        Map<String, Object> sample = SampleEvents.load(MODULE, "activate-2-of-75.json");
        try (LogHygiene hygiene = new LogHygiene(MODULE, LogScan.create())) {
            for (String name : LogHygiene.samples(MODULE)) {
                Map<String, Object> event = SampleEvents.load(MODULE, name);
                InMemoryFleetStore store = paidContracts();
                invoke(hygiene, name, event, store);
                invoke(hygiene, name + " again", event, store);
                invoke(hygiene, name + " for an unknown contract", event, new InMemoryFleetStore());
                invoke(hygiene, name + " with the vehicles table down", event, vehiclesTableDown());
                invoke(
                        hygiene,
                        name + " with DynamoDB throttling",
                        event,
                        new DynamoDbFleetStore(THROTTLED, "contracts", "vehicles"));
            }
            Map<String, Object> otherCustomer = HostileEvents.copy(sample);
            otherCustomer.put("customer_id", "CUST-00001");
            invoke(hygiene, "another customer's contract", otherCustomer, paidContracts());
            HostileEvents events = HostileEvents.seeded();
            for (HostileEvents.Case c : LogHygiene.pick(
                    events.cases(sample, 100), 400, Set.of("contract_id", "customer_id", "execution_id"))) {
                invoke(hygiene, c.toString(), c.event(), paidContracts());
            }
            hygiene.report();
        }
    }
}
