package com.ccs.workflows.createcontract;

import com.ccs.workflows.shared.priming.InMemorySdkHttpClient;
import com.ccs.workflows.shared.priming.InMemorySdkHttpClient.Answer;
import com.ccs.workflows.shared.priming.Priming;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SnapStart priming: before the snapshot, runs the request path (event parsing, {@link ContractService} over the
 * real {@link DynamoDbContractStore}, output mapping) for an automatic and a manual approval, on a DynamoDB client
 * whose HTTP client answers in memory. Marshalling, signing and unmarshalling are loaded and compiled, nothing
 * reaches AWS, nothing is written, no log line or metric of a contract is emitted, and the function's own client
 * is not touched (its credentials and connections belong to the restored environment).
 */
final class ContractPriming {
    /** What priming exercised. */
    record Report(int invocations, Map<String, Integer> sdkRequests) {}

    private ContractPriming() {}

    /** Registers priming with the snapshot; called by the handler Lambda constructs. */
    static void register() {
        Priming.register("create-contract", ContractPriming::prime);
    }

    static Report prime(int rounds) {
        // DynamoDB in memory: no marker yet, the counter moves on, the transaction succeeds.
        AtomicLong sequence = new AtomicLong();
        InMemorySdkHttpClient http = new InMemorySdkHttpClient(call -> switch (call.operation()) {
            case "GetItem", "TransactWriteItems" -> Answer.json("{}");
            case "UpdateItem" ->
                Answer.json("{\"Attributes\":{\"seq\":{\"N\":\"" + sequence.incrementAndGet() + "\"}}}");
            default -> throw new IllegalStateException("priming does not expect " + call.operation());
        });
        int invocations = 0;
        try (DynamoDbClient dynamo = http.client(DynamoDbClient.builder())) {
            ContractService service =
                    new ContractService(new DynamoDbContractStore(dynamo, "ccs-priming-contracts"), Clock.systemUTC());
            for (int round = 0; round < rounds; round++) {
                for (Map<String, Object> approval : List.of(
                        Map.<String, Object>of("type", "automatic"),
                        Map.<String, Object>of(
                                "type",
                                "manual",
                                "approved",
                                true,
                                "approver",
                                "manager@priming.invalid",
                                "decided_at",
                                "2026-01-01T00:00:00Z",
                                "comment",
                                "priming"))) {
                    Map<String, Object> output = CreateContractHandler.output(
                            service.create(CreateContractEvent.parse(event(round, approval)))
                                    .contract());
                    if (!output.containsKey("contract_id")) {
                        throw new IllegalStateException("priming produced an unexpected result: " + output);
                    }
                    invocations++;
                }
            }
        }
        return new Report(invocations, http.requests());
    }

    /** An event as the business state machine sends it, with the value types Lambda's deserialiser produces. */
    private static Map<String, Object> event(int round, Map<String, Object> approval) {
        Map<String, Object> request = Map.of(
                "customer_id", "CUST-PRIMING",
                "document_type", "NIT",
                "document_id", "900123456-8",
                "company_info", Map.of("name", "Priming S.A.S.", "tax_id", "900123456-8"),
                "number_of_vehicles", 25,
                "contract_type", "standard",
                "estimated_value", 850000,
                "payment_method", "credit_card");
        return Map.of("execution_id", "priming-" + round, "request", request, "approval", approval);
    }
}
