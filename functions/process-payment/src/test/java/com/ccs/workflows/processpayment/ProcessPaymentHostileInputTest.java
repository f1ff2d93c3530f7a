package com.ccs.workflows.processpayment;

import com.ccs.workflows.errors.InvalidInputException;
import com.ccs.workflows.testing.HostileEvents;
import com.ccs.workflows.testing.HostileRun;
import com.ccs.workflows.testing.SampleEvents;
import com.ccs.workflows.testing.StreamInvocation;
import com.ccs.workflows.testing.TestLambdaContext;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Thousands of malformed and adversarial "Process Payment" events (see {@link HostileEvents}) through the handler
 * over a recording gateway. Each either charges once, with the contract's idempotency key, or fails with
 * InvalidInputException naming the changed field, with a short message that echoes no card-like or huge value,
 * before anything reaches the payment provider.
 */
class ProcessPaymentHostileInputTest {

    @Test
    void hostileEventsChargeOnceOrFailNamingTheFieldBeforeAnyCharge() {
        Map<String, Object> sample = SampleEvents.load("process-payment", "success.json");
        Set<String> fields = HostileEvents.pathShapes(sample);
        HostileEvents events = HostileEvents.seeded();
        HostileRun run = new HostileRun("process-payment", events);

        run.run(events.cases(sample, 2000), c -> {
            InMemoryStripeAccount stripe = InMemoryStripeAccount.everyoneWithACard();
            ProcessPaymentHandler handler = new ProcessPaymentHandler(new PaymentService(stripe, "stack-1"));
            @SuppressWarnings("unchecked")
            Map<String, Object> event = (Map<String, Object>) c.event();
            try {
                Map<String, Object> output =
                        StreamInvocation.invoke(handler, event, new TestLambdaContext("ccs-test-process-payment"));
                String prefix = "ccs-stack-1-"
                        + String.valueOf(event.get("contract_id")).strip() + "-pay-";
                if (!"success".equals(output.get("status"))
                        || stripe.commands.isEmpty()
                        || stripe.kept() != ((Number) output.get("amount_minor")).longValue()
                        || !stripe.commands.stream()
                                .allMatch(command -> command.idempotencyKey().startsWith(prefix))) {
                    throw new AssertionError(
                            "unexpected output " + output + " after " + stripe.commands.size() + " charges");
                }
            } catch (InvalidInputException e) {
                run.rejected();
                HostileRun.assertCleanInvalidInput(e, c, fields);
                if (!stripe.commands.isEmpty()) {
                    throw new AssertionError("charged despite invalid input");
                }
            }
        });
        run.report();
    }
}
