package com.ccs.workflows.validatecustomer;

import com.ccs.workflows.shared.event.MiniJson;
import com.ccs.workflows.shared.priming.Priming;

import java.util.List;
import java.util.Map;

/**
 * SnapStart priming: before the snapshot, validates a valid request, one with problems and one whose company the
 * registry does not know (event reading, every field rule, plate normalisation, the registry's answer parsed
 * with {@link MiniJson}, output mapping), with a registry that answers in memory. The registry's HTTP call itself
 * is not made: nothing leaves the process, and no metric is emitted. The service logs its usual summary line.
 */
final class ValidationPriming {
    private static final String REGISTRY_ANSWER = "{\"nit\": \"900123456\", \"name\": \"Priming S.A.S.\", \"status\": \"ACTIVE\"}";

    /** What priming exercised: validations run, and how many found the request valid. */
    record Report(int validations, int valid) {
    }

    private ValidationPriming() {
    }

    /** Registers priming with the snapshot; called by the handler Lambda constructs. */
    static void register() {
        Priming.register("validate-customer", ValidationPriming::prime);
    }

    /** Runs the three validations {@code rounds} times. */
    static Report prime(int rounds) {
        CompanyRegistry registry = nit -> {
            if (!nit.base().equals("900123456")) {
                return new RegistryLookup.NotRegistered(nit.base());
            }
            Map<String, Object> answer = MiniJson.parseObject(REGISTRY_ANSWER);
            return new RegistryLookup.Registered(nit.base(), (String) answer.get("name"),
                    RegistryStatus.valueOf((String) answer.get("status")));
        };
        CustomerValidationService service = new CustomerValidationService(new CustomerValidator(), registry);
        int validations = 0;
        int valid = 0;
        for (int round = 0; round < rounds; round++) {
            for (Map<String, Object> event : List.of(event("900123456-8", "ABC-123"), event("900123456-1", "not a plate"),
                    event("800197268-4", "DEF456"))) {
                Map<String, Object> output = ValidateCustomerHandler.toOutput(service.validate(CustomerRequestReader.read(event)));
                if (!(output.get("valid") instanceof Boolean isValid)) {
                    throw new IllegalStateException("priming produced an unexpected result: " + output);
                }
                valid += isValid ? 1 : 0;
                validations++;
            }
        }
        return new Report(validations, valid);
    }

    /** A contract request as the business state machine sends it, with the value types Lambda's deserialiser produces. */
    private static Map<String, Object> event(String nit, String plate) {
        return Map.ofEntries(
                Map.entry("execution_id", "priming"),
                Map.entry("customer_id", "CUST-PRIMING"),
                Map.entry("document_type", "NIT"),
                Map.entry("document_id", nit),
                Map.entry("company_info", Map.of("name", "Priming S.A.S.", "tax_id", nit)),
                Map.entry("number_of_vehicles", 25),
                Map.entry("contract_type", "standard"),
                Map.entry("estimated_value", 850000),
                Map.entry("payment_method", "credit_card"),
                Map.entry("stripe_customer_id", "cus_Priming"),
                Map.entry("payment_method_id", "pm_card_visa"),
                Map.entry("vehicles", List.of(Map.of("plate", plate, "model", "Priming"))));
    }
}
