package com.ccs.workflows.activateservice;

import com.ccs.workflows.errors.InvalidInputException;
import com.ccs.workflows.testing.HostileEvents;
import com.ccs.workflows.testing.HostileRun;
import com.ccs.workflows.testing.MutableClock;
import com.ccs.workflows.testing.SampleEvents;
import com.ccs.workflows.testing.StreamInvocation;
import com.ccs.workflows.testing.TestLambdaContext;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Thousands of malformed and adversarial "Activate Service" events (see {@link HostileEvents}) through the handler
 * over the in-memory fleet store holding the sample's paid contract. Each either activates it or fails, with
 * nothing written (no vehicle, contract still "paid"), as InvalidInputException naming the changed field with a
 * short message. The one other error allowed is the documented ContractNotFoundException, and only when the case
 * changed {@code contract_id} into another string: a well-formed request for a contract that does not exist.
 */
class ActivateServiceHostileInputTest {
    private static final String CONTRACT = "CONT-2026-000042";

    @Test
    void hostileEventsActivateOrFailNamingTheFieldWithoutWriting() {
        Map<String, Object> sample = SampleEvents.load("activate-service", "activate-2-of-75.json");
        Set<String> fields = HostileEvents.pathShapes(sample);
        HostileEvents events = HostileEvents.seeded();
        HostileRun run = new HostileRun("activate-service", events);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-03T08:00:00Z"));

        run.run(events.cases(sample, 2000), c -> {
            InMemoryFleetStore store = new InMemoryFleetStore();
            store.addContract(CONTRACT, "CUST-98765");
            ActivateServiceHandler handler = new ActivateServiceHandler(new ServiceActivator(store, clock));
            @SuppressWarnings("unchecked")
            Map<String, Object> event = (Map<String, Object>) c.event();
            try {
                Map<String, Object> output =
                        StreamInvocation.invoke(handler, event, new TestLambdaContext("ccs-test-activate-service"));
                if (!"active".equals(output.get("service_status"))
                        || !"active".equals(store.contract(CONTRACT).status())
                        || !output.get("vehicles_registered")
                                .equals(store.vehicles().size())) {
                    throw new AssertionError("unexpected output " + output);
                }
                return;
            } catch (InvalidInputException e) {
                HostileRun.assertCleanInvalidInput(e, c, fields, Set.of("request.number_of_vehicles~request.vehicles"));
            } catch (ContractNotFoundException e) {
                if (!c.paths().contains("contract_id") || !(event.get("contract_id") instanceof String)) {
                    throw new AssertionError(
                            "ContractNotFoundException without a changed contract_id: " + e.getMessage());
                }
                HostileRun.assertCleanMessage(e.getMessage());
            }
            run.rejected();
            if (!store.vehicles().isEmpty()
                    || !"paid".equals(store.contract(CONTRACT).status())) {
                throw new AssertionError("partial write: vehicles "
                        + store.vehicles().keySet() + ", contract " + store.contract(CONTRACT));
            }
        });
        run.report();
    }
}
