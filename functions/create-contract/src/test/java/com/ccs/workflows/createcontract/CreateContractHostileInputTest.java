package com.ccs.workflows.createcontract;

import com.ccs.workflows.errors.InvalidInputException;
import com.ccs.workflows.testing.HostileEvents;
import com.ccs.workflows.testing.HostileRun;
import com.ccs.workflows.testing.MutableClock;
import com.ccs.workflows.testing.SampleEvents;
import com.ccs.workflows.testing.StreamInvocation;
import com.ccs.workflows.testing.TestLambdaContext;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Thousands of malformed and adversarial "Create Contract" events (see {@link HostileEvents}) through the handler
 * over the in-memory store. Each either creates a contract with a well-formed id or fails with InvalidInputException
 * naming the changed field, with a short message, and leaves the store untouched: no contract, no marker, no counter
 * increment.
 */
class CreateContractHostileInputTest {
    private static final Pattern CONTRACT_ID = Pattern.compile("CONT-2026-\\d{6}");

    @Test
    void hostileEventsCreateAContractOrFailNamingTheFieldWithoutWriting() {
        Map<String, Object> sample = SampleEvents.load("create-contract", "manual.json");
        Set<String> fields = new LinkedHashSet<>(HostileEvents.pathShapes(sample));
        fields.addAll(List.of("request.currency"));
        HostileEvents events = HostileEvents.seeded();
        HostileRun run = new HostileRun("create-contract", events);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T15:00:00Z"));

        run.run(events.cases(sample, 2000), c -> {
            InMemoryContractStore store = new InMemoryContractStore();
            CreateContractHandler handler = new CreateContractHandler(new ContractService(store, clock));
            @SuppressWarnings("unchecked")
            Map<String, Object> event = (Map<String, Object>) c.event();
            try {
                Map<String, Object> output =
                        StreamInvocation.invoke(handler, event, new TestLambdaContext("ccs-test-create-contract"));
                if (!(output.get("contract_id") instanceof String id)
                        || !CONTRACT_ID.matcher(id).matches()
                        || !"created".equals(output.get("status"))
                        || store.contractCount() != 1) {
                    throw new AssertionError("unexpected output " + output);
                }
            } catch (InvalidInputException e) {
                run.rejected();
                HostileRun.assertCleanInvalidInput(e, c, fields, Set.of("request.number_of_vehicles~request.vehicles"));
                if (store.contractCount() != 0 || store.counter(2026) != 0) {
                    throw new AssertionError(
                            "partial write: " + store.contractCount() + " contracts, counter " + store.counter(2026));
                }
            }
        });
        run.report();
    }
}
