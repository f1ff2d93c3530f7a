package com.ccs.workflows.activateservice;

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
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SnapStart priming: before the snapshot, runs the request path (event parsing, {@link ServiceActivator} over the
 * real {@link DynamoDbFleetStore}, output mapping) on a DynamoDB client whose HTTP client answers in memory.
 * Marshalling, signing and unmarshalling are loaded and compiled, nothing reaches AWS, nothing is written, no
 * metric is emitted, and the function's own client is not touched.
 */
final class ActivationPriming implements Resource {
    static final int ROUNDS = 20;
    private static final Logger LOG = LoggerFactory.getLogger(ActivationPriming.class);
    // CRaC holds registered resources weakly: this field keeps the one registered alive.
    private static final ActivationPriming INSTANCE = new ActivationPriming();
    private static final Pattern NOW = Pattern.compile("\":now\":\\{\"S\":\"([^\"]+)\"");

    /** What priming exercised. */
    record Report(int invocations, Map<String, Integer> sdkRequests) {
    }

    private ActivationPriming() {
    }

    /** Registers priming with the snapshot; called by the handler Lambda constructs. */
    static void register() {
        Core.getGlobalContext().register(INSTANCE);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        try {
            Report report = prime(ROUNDS);
            LOG.info("Request path primed: {} activations in memory, SDK requests {}", report.invocations(), report.sdkRequests());
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
            ServiceActivator activator = new ServiceActivator(
                    new DynamoDbFleetStore(dynamo, "ccs-priming-contracts", "ccs-priming-vehicles"), Clock.systemUTC());
            Map<String, Object> event = Map.of(
                    "execution_id", "priming",
                    "contract_id", "CONT-2026-000001",
                    "customer_id", InMemoryDynamoDb.CUSTOMER,
                    "number_of_vehicles", 3,
                    "vehicles", List.of(Map.of("plate", "ABC-123", "model", "Priming"), Map.of("plate", "def456")));
            for (int round = 0; round < rounds; round++) {
                Map<String, Object> output = ActivateServiceHandler.output(activator.activate(ActivationEvent.parse(event)));
                if (!"active".equals(output.get("service_status"))) {
                    throw new IllegalStateException("priming produced an unexpected result: " + output);
                }
                invocations++;
            }
        }
        return new Report(invocations, Map.copyOf(http.requests));
    }

    /** DynamoDB in memory: the contract exists for the customer, every vehicle is written, the update applies. */
    private static final class InMemoryDynamoDb implements SdkHttpClient {
        static final String CUSTOMER = "CUST-PRIMING";
        private final Map<String, Integer> requests = new TreeMap<>();

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws java.io.IOException {
                    String sent = "";
                    if (request.contentStreamProvider().isPresent()) {
                        try (InputStream body = request.contentStreamProvider().get().newStream()) {
                            sent = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                        }
                    }
                    String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
                    String operation = target.substring(target.indexOf('.') + 1);
                    requests.merge(operation, 1, Integer::sum);
                    String body = switch (operation) {
                        case "GetItem" -> "{\"Item\":{\"contract_id\":{\"S\":\"CONT-2026-000001\"},\"customer_id\":{\"S\":\"" + CUSTOMER + "\"}}}";
                        case "BatchWriteItem" -> "{\"UnprocessedItems\":{}}";
                        case "UpdateItem" -> {
                            // if_not_exists on a contract never activated: the time the request sent is stored.
                            Matcher now = NOW.matcher(sent);
                            yield "{\"Attributes\":{\"activated_at\":{\"S\":\"" + (now.find() ? now.group(1) : "1970-01-01T00:00:00Z") + "\"}}}";
                        }
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
