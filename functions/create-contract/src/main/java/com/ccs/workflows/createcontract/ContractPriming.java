package com.ccs.workflows.createcontract;

import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SnapStart priming: before the snapshot, runs the request path (event parsing, {@link ContractService} over the
 * real {@link DynamoDbContractStore}, output mapping) for an automatic and a manual approval, on a DynamoDB client
 * whose HTTP client answers in memory. Marshalling, signing and unmarshalling are loaded and compiled, nothing
 * reaches AWS, nothing is written, no log line or metric of a contract is emitted, and the function's own client
 * is not touched (its credentials and connections belong to the restored environment).
 */
final class ContractPriming implements Resource {
    static final int ROUNDS = 20;
    private static final Logger LOG = LoggerFactory.getLogger(ContractPriming.class);
    // CRaC holds registered resources weakly: this field keeps the one registered alive.
    private static final ContractPriming INSTANCE = new ContractPriming();

    /** What priming exercised. */
    record Report(int invocations, Map<String, Integer> sdkRequests) {
    }

    private ContractPriming() {
    }

    /** Registers priming with the snapshot; called by the handler Lambda constructs. */
    static void register() {
        Core.getGlobalContext().register(INSTANCE);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        try {
            Report report = prime(ROUNDS);
            LOG.info("Request path primed: {} contracts built in memory, SDK requests {}", report.invocations(), report.sdkRequests());
        } catch (RuntimeException e) {
            // Priming only saves latency after a restore; it never blocks the snapshot.
            LOG.warn("Priming failed; the first invocations after restore will load classes on demand", e);
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to refresh: priming keeps no client, credential or connection.
    }

    static Report prime(int rounds) {
        InMemoryDynamoDb http = new InMemoryDynamoDb();
        int invocations = 0;
        try (DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(http)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")))
                .region(Region.US_EAST_1).endpointOverride(URI.create("http://priming.invalid")).build()) {
            ContractService service = new ContractService(new DynamoDbContractStore(dynamo, "ccs-priming-contracts"), Clock.systemUTC());
            for (int round = 0; round < rounds; round++) {
                for (Map<String, Object> approval : List.of(Map.<String, Object>of("type", "automatic"),
                        Map.<String, Object>of("type", "manual", "approved", true, "approver", "manager@priming.invalid",
                                "decided_at", "2026-01-01T00:00:00Z", "comment", "priming"))) {
                    Map<String, Object> output = CreateContractHandler.output(
                            service.create(CreateContractEvent.parse(event(round, approval))).contract());
                    if (!output.containsKey("contract_id")) {
                        throw new IllegalStateException("priming produced an unexpected result: " + output);
                    }
                    invocations++;
                }
            }
        }
        return new Report(invocations, Map.copyOf(http.requests));
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

    /** DynamoDB in memory: no marker yet, the counter moves on, the transaction succeeds. */
    private static final class InMemoryDynamoDb implements SdkHttpClient {
        private final Map<String, Integer> requests = new TreeMap<>();
        private long sequence;

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    if (request.contentStreamProvider().isPresent()) {
                        try (InputStream body = request.contentStreamProvider().get().newStream()) {
                            body.readAllBytes(); // produced, as a real client would send it
                        }
                    }
                    String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
                    String operation = target.substring(target.indexOf('.') + 1);
                    requests.merge(operation, 1, Integer::sum);
                    String body = switch (operation) {
                        case "GetItem", "TransactWriteItems" -> "{}";
                        case "UpdateItem" -> "{\"Attributes\":{\"seq\":{\"N\":\"" + (++sequence) + "\"}}}";
                        default -> throw new IllegalStateException("priming does not expect " + operation);
                    };
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(200)
                                    .putHeader("Content-Type", "application/x-amz-json-1.0")
                                    .putHeader("Content-Length", Integer.toString(bytes.length))
                                    .putHeader("x-amzn-RequestId", "priming").build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                            .build();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }
    }
}
