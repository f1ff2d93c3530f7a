package com.ccs.workflows.validatecustomer;

import com.ccs.workflows.contract.ContractRequestReader;
import com.ccs.workflows.shared.aws.DynamoDbBatchGet;
import com.ccs.workflows.shared.event.MiniJson;
import com.ccs.workflows.shared.priming.InMemorySdkHttpClient;
import com.ccs.workflows.shared.priming.InMemorySdkHttpClient.Answer;
import com.ccs.workflows.shared.priming.Priming;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SnapStart priming: before the snapshot, validates a valid request, one with problems and one whose company the
 * registry does not know (event reading, every field rule, plate normalisation, the registry's answer parsed
 * with {@link MiniJson}, the plate owners read through a real DynamoDB client, output mapping), with a registry
 * and a DynamoDB that answer in memory. The registry's HTTP call itself is not made: nothing leaves the process,
 * and no metric is emitted. The service logs its usual summary line.
 */
final class ValidationPriming {
    private static final String REGISTRY_ANSWER =
            "{\"nit\": \"900123456\", \"name\": \"Priming S.A.S.\", \"status\": \"ACTIVE\"}";

    /** What priming exercised: validations run, and how many found the request valid. */
    record Report(int validations, int valid) {}

    private ValidationPriming() {}

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
            return new RegistryLookup.Registered(
                    nit.base(), (String) answer.get("name"), RegistryStatus.valueOf((String) answer.get("status")));
        };
        // The vehicles table knows no plate: every plate of the valid request is free.
        InMemorySdkHttpClient http = new InMemorySdkHttpClient(call -> switch (call.operation()) {
            case "BatchGetItem" -> Answer.json("{\"Responses\":{\"ccs-priming-vehicles\":[]},\"UnprocessedKeys\":{}}");
            default -> throw new IllegalStateException("priming does not expect " + call.operation());
        });
        int validations = 0;
        int valid = 0;
        try (DynamoDbClient dynamo = http.client(DynamoDbClient.builder())) {
            CustomerValidationService service = new CustomerValidationService(
                    registry, new DynamoDbPlateOwners(new DynamoDbBatchGet(dynamo), "ccs-priming-vehicles"));
            for (int round = 0; round < rounds; round++) {
                for (Map<String, Object> event : List.of(
                        event("900123456-8", "ABC-123"),
                        event("900123456-1", "not a plate"),
                        event("800197268-4", "DEF456"))) {
                    Map<String, Object> output =
                            ValidateCustomerHandler.toOutput(service.validate(ContractRequestReader.read(event)));
                    if (!(output.get("valid") instanceof Boolean isValid)) {
                        throw new IllegalStateException("priming produced an unexpected result: " + output);
                    }
                    valid += isValid ? 1 : 0;
                    validations++;
                }
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
                Map.entry("estimated_value", 15000000),
                Map.entry("payment_method", "credit_card"),
                Map.entry("vehicles", List.of(Map.of("plate", plate, "model", "Priming"))));
    }
}
