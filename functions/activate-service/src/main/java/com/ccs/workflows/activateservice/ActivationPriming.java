package com.ccs.workflows.activateservice;

import com.ccs.workflows.shared.priming.InMemorySdkHttpClient;
import com.ccs.workflows.shared.priming.InMemorySdkHttpClient.Answer;
import com.ccs.workflows.shared.priming.InMemorySdkHttpClient.Call;
import com.ccs.workflows.shared.priming.Priming;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SnapStart priming: before the snapshot, runs the request path (event parsing, {@link ServiceActivator} over the
 * real {@link DynamoDbFleetStore}, output mapping) on a DynamoDB client whose HTTP client answers in memory.
 * Marshalling, signing and unmarshalling are loaded and compiled, nothing reaches AWS, nothing is written, no
 * metric is emitted, and the function's own client is not touched.
 */
final class ActivationPriming {
    private static final String CUSTOMER = "CUST-PRIMING";
    private static final Pattern NOW = Pattern.compile("\":now\":\\{\"S\":\"([^\"]+)\"");

    /** What priming exercised. */
    record Report(int invocations, Map<String, Integer> sdkRequests) {}

    private ActivationPriming() {}

    /** Registers priming with the snapshot; called by the handler Lambda constructs. */
    static void register() {
        Priming.register("activate-service", ActivationPriming::prime);
    }

    static Report prime(int rounds) {
        InMemorySdkHttpClient http = new InMemorySdkHttpClient(ActivationPriming::answer);
        int invocations = 0;
        try (DynamoDbClient dynamo = http.client(DynamoDbClient.builder())) {
            ServiceActivator activator = new ServiceActivator(
                    new DynamoDbFleetStore(dynamo, "ccs-priming-contracts", "ccs-priming-vehicles"), Clock.systemUTC());
            Map<String, Object> event = Map.of(
                    "execution_id", "priming",
                    "contract_id", "CONT-2026-000001",
                    "request",
                            Map.ofEntries(
                                    Map.entry("customer_id", CUSTOMER),
                                    Map.entry("document_type", "NIT"),
                                    Map.entry("document_id", "900123456-8"),
                                    Map.entry(
                                            "company_info", Map.of("name", "Priming S.A.S.", "tax_id", "900123456-8")),
                                    Map.entry("number_of_vehicles", 3),
                                    Map.entry("contract_type", "standard"),
                                    Map.entry("estimated_value", 15000000),
                                    Map.entry("payment_method", "credit_card"),
                                    Map.entry(
                                            "vehicles",
                                            List.of(
                                                    Map.of("plate", "ABC-123", "model", "Priming"),
                                                    Map.of("plate", "def456", "model", "Priming")))));
            for (int round = 0; round < rounds; round++) {
                Map<String, Object> output =
                        ActivateServiceHandler.output(activator.activate(ActivationEvent.parse(event)));
                if (!"active".equals(output.get("service_status"))) {
                    throw new IllegalStateException("priming produced an unexpected result: " + output);
                }
                invocations++;
            }
        }
        return new Report(invocations, http.requests());
    }

    /** DynamoDB in memory: the contract exists for the customer, the plates are free, every write applies. */
    private static Answer answer(Call call) {
        return switch (call.operation()) {
            case "GetItem" ->
                Answer.json("{\"Item\":{\"contract_id\":{\"S\":\"CONT-2026-000001\"},\"customer_id\":{\"S\":\""
                        + CUSTOMER + "\"}}}");
            case "BatchGetItem" -> Answer.json("{\"Responses\":{},\"UnprocessedKeys\":{}}");
            case "TransactWriteItems" -> Answer.json("{}");
            case "UpdateItem" -> {
                // if_not_exists on a contract never activated: the time the request sent is stored.
                Matcher now = NOW.matcher(call.body());
                yield Answer.json("{\"Attributes\":{\"activated_at\":{\"S\":\""
                        + (now.find() ? now.group(1) : "1970-01-01T00:00:00Z") + "\"}}}");
            }
            default -> throw new IllegalStateException("priming does not expect " + call.operation());
        };
    }
}
