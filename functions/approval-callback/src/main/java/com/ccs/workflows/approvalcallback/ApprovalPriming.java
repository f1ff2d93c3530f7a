package com.ccs.workflows.approvalcallback;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SnapStart priming for the three approval functions: before the snapshot, the path of the function being
 * snapshotted (opening an approval, reminding the approver, or deciding through a signed link) runs through the
 * real services and AWS adapters on SDK clients whose HTTP client answers in memory. Nothing reaches AWS, nothing
 * is stored, published, scheduled or resumed, no metric is emitted, and the function's own clients and signing key
 * are not touched. The services log as they do for a request, with priming ids.
 */
final class ApprovalPriming implements Resource {
    static final int ROUNDS = 20;
    private static final Logger LOG = LoggerFactory.getLogger(ApprovalPriming.class);
    private static final String APPROVAL_ID = "apr_PrimingApproval-000001";
    private static final String MANAGER = "manager@priming.invalid";
    private static final long EXPIRES = 4_102_444_800L;
    private static final String SECRET = "priming-signing-secret-of-at-least-32-bytes";

    /** The three functions of the module. */
    enum Path { REQUEST, REMINDER, CALLBACK }

    /** What priming exercised. */
    record Report(int invocations, Map<String, Integer> sdkRequests) {
    }

    // CRaC holds registered resources weakly: this map keeps the registered ones alive.
    private static final Map<Path, ApprovalPriming> REGISTERED = new EnumMap<>(Path.class);

    private final Path path;

    private ApprovalPriming(Path path) {
        this.path = path;
    }

    /** Registers priming of {@code path} with the snapshot; called by the handler Lambda constructs. */
    static synchronized void register(Path path) {
        Core.getGlobalContext().register(REGISTERED.computeIfAbsent(path, ApprovalPriming::new));
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        try {
            Report report = prime(path, ROUNDS);
            LOG.info("Request path primed: {} {} invocations in memory, SDK requests {}", report.invocations(), path, report.sdkRequests());
        } catch (RuntimeException e) {
            // Priming only saves latency after a restore; it never blocks the snapshot.
            LOG.warn("Priming failed; the first invocations after restore will load classes on demand", e);
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to refresh: priming keeps no client, key or connection.
    }

    static Report prime(Path path, int rounds) {
        InMemoryAws http = new InMemoryAws();
        int invocations = 0;
        try (SecretsManagerClient secrets = client(SecretsManagerClient.builder(), http);
             DynamoDbClient dynamo = client(DynamoDbClient.builder(), http);
             SnsClient sns = client(SnsClient.builder(), http);
             SchedulerClient scheduler = client(SchedulerClient.builder(), http);
             SfnClient sfn = client(SfnClient.builder(), http)) {
            DynamoDbApprovalStore store = new DynamoDbApprovalStore(dynamo, "ccs-priming-approvals");
            LinkSigner signer = new LinkSigner(new SecretsManagerSigningKey(secrets, "arn:aws:secretsmanager:us-east-1:000000000000:secret:ccs-priming"),
                    "https://priming.invalid");
            ApprovalService approvals = new ApprovalService(store, new SnsManagerNotifier(sns, "arn:aws:sns:us-east-1:000000000000:ccs-priming"),
                    new EventBridgeReminderScheduler(scheduler, "ccs-priming", "arn:aws:lambda:us-east-1:000000000000:function:ccs-priming",
                            "arn:aws:iam::000000000000:role/ccs-priming"),
                    new ManagerMessages(signer), Clock.systemUTC(), MANAGER, Env.DEFAULT_REMINDER_LEAD, Approval::newId);
            DecisionService decisions = new DecisionService(store, new SfnTaskCallback(sfn), signer, Clock.systemUTC());
            for (int round = 0; round < rounds; round++) {
                boolean done = switch (path) {
                    case REQUEST -> approvals.request(ApprovalRequest.from(requestEvent(round))).notified();
                    case REMINDER -> approvals.remind(APPROVAL_ID, java.util.Optional.of(java.time.Instant.ofEpochSecond(EXPIRES))).reminded();
                    case CALLBACK -> {
                        APIGatewayV2HTTPEvent event = callbackEvent(signer);
                        APIGatewayV2HTTPResponse response = HttpResponses.render(decisions.handle(CallbackRequests.from(event)),
                                CallbackRequests.wantsJson(event));
                        yield response.getStatusCode() == 200;
                    }
                };
                if (!done) {
                    throw new IllegalStateException("priming of " + path + " did not reach the end of its path");
                }
                invocations++;
            }
        }
        return new Report(invocations, Map.copyOf(http.requests));
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, SdkHttpClient http) {
        return builder.httpClient(http)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")))
                .region(Region.US_EAST_1).endpointOverride(URI.create("http://priming.invalid")).build();
    }

    private static Map<String, Object> requestEvent(int round) {
        return Map.of("task_token", "priming-task-token", "execution_id", "priming-" + round,
                "request", Map.of("customer_id", "CUST-PRIMING", "company_name", "Priming S.A.S.", "number_of_vehicles", 75,
                        "contract_type", "premium", "estimated_value", 15000000),
                "approval_window_seconds", 86400);
    }

    /** The POST the confirmation page sends, signed with the priming secret. */
    private static APIGatewayV2HTTPEvent callbackEvent(LinkSigner signer) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRawPath("/approvals/" + APPROVAL_ID + "/approve");
        event.setPathParameters(Map.of("approval_id", APPROVAL_ID, "decision", "approve"));
        event.setQueryStringParameters(Map.of("approver", MANAGER, "expires", Long.toString(EXPIRES),
                "sig", signer.sign(APPROVAL_ID, Decision.APPROVE, EXPIRES, MANAGER)));
        event.setHeaders(Map.of("content-type", "application/x-www-form-urlencoded", "accept", "text/html"));
        event.setBody("comment=priming");
        event.setRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("priming")
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").withSourceIp("127.0.0.1")
                        .withUserAgent("priming").build()).build());
        return event;
    }

    /** The approvals table's pending approval (or decided, after a claim), as DynamoDB returns it. */
    private static String approvalItem(boolean decided) {
        return "{\"approval_id\":{\"S\":\"" + APPROVAL_ID + "\"},\"record_type\":{\"S\":\"approval\"},"
                + "\"execution_id\":{\"S\":\"priming\"},\"task_token\":{\"S\":\"priming-task-token\"},"
                + "\"customer_id\":{\"S\":\"CUST-PRIMING\"},\"company_name\":{\"S\":\"Priming S.A.S.\"},"
                + "\"number_of_vehicles\":{\"N\":\"75\"},\"contract_type\":{\"S\":\"premium\"},\"estimated_value\":{\"N\":\"15000000\"},"
                + "\"approver\":{\"S\":\"" + MANAGER + "\"},\"status\":{\"S\":\"" + (decided ? "approved" : "pending") + "\"},"
                + "\"created_at\":{\"S\":\"2026-01-01T00:00:00Z\"},\"expires_at\":{\"N\":\"" + EXPIRES + "\"},"
                + "\"ttl\":{\"N\":\"" + (EXPIRES + 7_776_000) + "\"},\"audit\":{\"L\":[]}"
                + (decided ? ",\"decided_by\":{\"S\":\"" + MANAGER + "\"},\"decided_at\":{\"S\":\"2026-01-01T00:00:00Z\"},"
                + "\"decision_claim\":{\"S\":\"priming\"}" : "") + "}";
    }

    /**
     * The five services in memory: Secrets Manager holds the secret, no approval is open for the execution, the
     * sample approval is pending, every write applies, publishes and schedules are accepted, the task waits.
     */
    private static final class InMemoryAws implements SdkHttpClient {
        private final Map<String, Integer> requests = new TreeMap<>();

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    String sent = "";
                    if (request.contentStreamProvider().isPresent()) {
                        try (InputStream body = request.contentStreamProvider().get().newStream()) {
                            sent = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                        }
                    }
                    String operation = operation(request.httpRequest(), sent);
                    requests.merge(operation, 1, Integer::sum);
                    String body = switch (operation) {
                        case "GetSecretValue" -> "{\"Name\":\"ccs-priming\",\"SecretString\":\"" + SECRET + "\"}";
                        // The marker of an execution is absent; the sample approval is pending.
                        case "GetItem" -> sent.contains("EXECUTION#") ? "{}" : "{\"Item\":" + approvalItem(false) + "}";
                        case "TransactWriteItems", "SendTaskSuccess" -> "{}";
                        case "UpdateItem" -> "{\"Attributes\":" + approvalItem(sent.contains(":decided")) + "}";
                        case "Publish" -> "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                                + "<MessageId>priming</MessageId></PublishResult></PublishResponse>";
                        case "CreateSchedule" -> "{\"ScheduleArn\":\"arn:aws:scheduler:us-east-1:000000000000:schedule/ccs-priming/priming\"}";
                        default -> throw new IllegalStateException("priming does not expect " + operation);
                    };
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(200)
                                    .putHeader("Content-Type", body.startsWith("<") ? "text/xml" : "application/x-amz-json-1.0")
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

        /** JSON protocols name the operation in X-Amz-Target, SNS in the form's Action, Scheduler in the path. */
        private static String operation(SdkHttpRequest request, String body) {
            return request.firstMatchingHeader("X-Amz-Target").map(target -> target.substring(target.indexOf('.') + 1))
                    .orElseGet(() -> request.encodedPath().startsWith("/schedules/") ? "CreateSchedule"
                            : List.of(body.split("&")).contains("Action=Publish") ? "Publish" : request.method() + " " + request.encodedPath());
        }

        @Override
        public void close() {
        }
    }
}
