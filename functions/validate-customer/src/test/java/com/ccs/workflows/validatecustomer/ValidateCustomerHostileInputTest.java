package com.ccs.workflows.validatecustomer;

import com.ccs.workflows.errors.InvalidInputException;
import com.ccs.workflows.testing.HostileEvents;
import com.ccs.workflows.testing.HostileRun;
import com.ccs.workflows.testing.SampleEvents;
import com.ccs.workflows.testing.StreamInvocation;
import com.ccs.workflows.testing.TestLambdaContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Thousands of malformed and adversarial contract requests (see {@link HostileEvents}) through the handler. Bad data
 * is an answer, not an error: every case returns {@code valid: false} with reasons naming real fields, each reason
 * short (no echo of huge values) and free of stack traces; a required field removed or of the wrong type is named
 * in a reason. Only an event that is not a JSON object may throw, as InvalidInputException on {@code $}.
 */
class ValidateCustomerHostileInputTest {
    private static final Set<String> REQUIRED = Set.of(
            "customer_id",
            "document_type",
            "document_id",
            "company_info",
            "company_info.name",
            "company_info.tax_id",
            "number_of_vehicles",
            "contract_type",
            "estimated_value",
            "payment_method",
            // required with a card, which the sample pays by
            "stripe_customer_id",
            "payment_method_id");

    @Test
    void hostileRequestsAreAnsweredWithReasonsNamingTheFields() {
        Map<String, Object> sample = SampleEvents.load("validate-customer", "valid-75-vehicles.json");
        Set<String> fields = new LinkedHashSet<>(HostileEvents.pathShapes(sample));
        // Named explicitly in case a case removes them from every shape the sample gives.
        fields.addAll(List.of("stripe_customer_id", "payment_method_id", "payment_method"));
        HostileEvents events = HostileEvents.seeded();
        HostileRun run = new HostileRun("validate-customer", events);
        InMemoryCompanyRegistry registry =
                new InMemoryCompanyRegistry().register("900123456", "TRANSPORTES ABC SAS", RegistryStatus.ACTIVE);
        ValidateCustomerHandler handler =
                new ValidateCustomerHandler(new CustomerValidationService(registry, new InMemoryPlateOwners()));
        int[] largestOutput = {0};

        run.run(events.cases(sample, 2000), c -> {
            Map<String, Object> output;
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> event = (Map<String, Object>) c.event();
                output = StreamInvocation.invoke(handler, event, new TestLambdaContext("ccs-test-validate-customer"));
            } catch (InvalidInputException e) {
                run.rejected();
                if (c.event() instanceof Map<?, ?>) {
                    throw new AssertionError(
                            "a JSON object must be answered with reasons, not thrown: " + e.getMessage());
                }
                HostileRun.assertCleanInvalidInput(e, c, fields);
                return;
            }
            largestOutput[0] = Math.max(largestOutput[0], String.valueOf(output).length());
            if (!(output.get("valid") instanceof Boolean valid)
                    || !(output.get("score") instanceof Integer score)
                    || score < 0
                    || score > 100) {
                throw new AssertionError("malformed output " + output.keySet());
            }
            @SuppressWarnings("unchecked")
            List<String> reasons = (List<String>) output.get("reasons");
            if (!valid && reasons.isEmpty()) {
                throw new AssertionError("valid:false without a reason");
            }
            for (String reason : reasons) {
                HostileRun.assertCleanMessage(reason);
                String field = reason.substring(0, Math.max(0, reason.indexOf(": ")));
                // "$" is the request as a whole (a request too large to carry through the workflow).
                if (!field.equals("$") && !fields.contains(HostileEvents.shape(field))) {
                    throw new AssertionError(
                            "reason names no field of the request: " + HostileEvents.escape(reason, 80));
                }
            }
            if (c.paths().size() == 1
                    && REQUIRED.contains(HostileEvents.shape(c.paths().get(0)))) {
                String path = c.paths().get(0);
                Object value = HostileEvents.valueAt(c.event(), path);
                Object original = HostileEvents.valueAt(sample, path);
                boolean missingOrWrongType = !HostileEvents.jsonType(value).equals(HostileEvents.jsonType(original))
                        || value instanceof String s && s.isBlank();
                if (missingOrWrongType && reasons.stream().noneMatch(r -> r.startsWith(path + ": "))) {
                    throw new AssertionError("required " + path + " is " + HostileEvents.jsonType(value)
                            + " but no reason names it: " + reasons);
                }
            }
        });
        System.out.println("validate-customer: largest output " + largestOutput[0] + " characters");
        run.report();
    }
}
