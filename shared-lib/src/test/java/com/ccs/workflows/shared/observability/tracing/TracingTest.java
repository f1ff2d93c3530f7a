package com.ccs.workflows.shared.observability.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.shared.aws.SecretsManagerSecrets;
import com.ccs.workflows.shared.config.FunctionEnvironment;
import com.ccs.workflows.shared.priming.InMemorySdkHttpClient;
import com.ccs.workflows.shared.priming.InMemorySdkHttpClient.Answer;
import com.ccs.workflows.testing.SampleEvents;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** Subsegments as the X-Ray daemon receives them: a real UDP socket stands in for it. */
class TracingTest {
    private static final String ROOT = "1-6761a2f0-5c1e4b2a9d3f7e8a1b2c3d4e";
    private static final String FUNCTION_SEGMENT = "53995c3f42cd8ad8";

    private final Map<String, String> environment = FunctionEnvironment.variables();
    private DatagramSocket daemon;

    @BeforeEach
    void pointTracingAtALocalDaemon() throws Exception {
        daemon = new DatagramSocket(0);
        daemon.setSoTimeout(2_000);
        Map<String, String> env = new HashMap<>(environment);
        env.put("AWS_XRAY_DAEMON_ADDRESS", "tcp:127.0.0.1:9 udp:127.0.0.1:" + daemon.getLocalPort());
        FunctionEnvironment.use(env);
        Tracing.reset();
    }

    @AfterEach
    void restore() {
        System.clearProperty(TraceHeader.PROPERTY);
        FunctionEnvironment.use(environment);
        Tracing.reset();
        daemon.close();
    }

    @Test
    void aBlockAndTheAwsCallsInsideItAreSubsegmentsOfTheFunctionSegment() throws Exception {
        System.setProperty(
                TraceHeader.PROPERTY, "Root=" + ROOT + ";Parent=" + FUNCTION_SEGMENT + ";Sampled=1;Lineage=a:0");
        DynamoDbClient dynamoDb = client(200, "{\"Item\":{}}");

        Tracing.traced("## CreateContract", () -> {
            Tracing.annotate("contract_id", "CONT-2026-000001");
            return dynamoDb.getItem(b -> b.tableName("Contracts").key(Map.of()));
        });

        List<Map<String, Object>> sent = receive(2);
        Map<String, Object> call = sent.get(0);
        Map<String, Object> block = sent.get(1);
        assertThat(block)
                .containsEntry("type", "subsegment")
                .containsEntry("name", "## CreateContract")
                .containsEntry("trace_id", ROOT)
                .containsEntry("parent_id", FUNCTION_SEGMENT)
                .containsEntry("annotations", Map.of("contract_id", "CONT-2026-000001"));
        assertThat((String) block.get("id")).matches("[0-9a-f]{16}");
        assertThat(((Number) block.get("end_time")).doubleValue())
                .isGreaterThanOrEqualTo(((Number) block.get("start_time")).doubleValue());
        assertThat(call)
                .containsEntry("name", "DynamoDb")
                .containsEntry("namespace", "aws")
                .containsEntry("trace_id", ROOT)
                .containsEntry("parent_id", block.get("id"))
                .containsEntry("aws", Map.of("operation", "GetItem", "region", "us-east-1", "request_id", "priming"))
                .containsEntry("http", Map.of("response", Map.of("status", 200)))
                .doesNotContainKeys("error", "fault");
    }

    @Test
    void aThrottledCallIsMarkedWithItsCauseAndTheBlockFails() throws Exception {
        System.setProperty(TraceHeader.PROPERTY, "Root=" + ROOT + ";Parent=" + FUNCTION_SEGMENT + ";Sampled=1");
        DynamoDbClient dynamoDb = client(
                400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ThrottlingException\",\"message\":\"slow down\"}");

        assertThatThrownBy(() -> Tracing.traced(
                        "## RecordIncident",
                        () -> dynamoDb.getItem(b -> b.tableName("Incidents").key(Map.of()))))
                .isInstanceOf(DynamoDbException.class);

        List<Map<String, Object>> sent = receive(2);
        assertThat(sent.get(0))
                .containsEntry("name", "DynamoDb")
                .containsEntry("error", true)
                .containsEntry("throttle", true)
                .containsEntry("http", Map.of("response", Map.of("status", 400)))
                .doesNotContainKey("fault");
        assertThat(sent.get(0).get("cause").toString()).contains("ThrottlingException", "slow down");
        assertThat(sent.get(1)).containsEntry("name", "## RecordIncident").containsEntry("fault", true);
    }

    @Test
    void theSecretsManagerReadIsAnAwsSubsegmentMarkedWithItsError() throws Exception {
        System.setProperty(TraceHeader.PROPERTY, "Root=" + ROOT + ";Parent=" + FUNCTION_SEGMENT + ";Sampled=1");
        SecretsManagerSecrets found = new InMemorySdkHttpClient(call -> Answer.secretValue("value")).secrets();
        SecretsManagerSecrets missing = new InMemorySdkHttpClient(
                        call -> Answer.error(400, "ResourceNotFoundException", "no such secret"))
                .secrets();

        assertThat(found.secretString("ccs/signing")).isEqualTo("value");
        assertThatThrownBy(() -> missing.secretString("ccs/absent")).isInstanceOf(AwsServiceException.class);

        List<Map<String, Object>> sent = receive(2);
        assertThat(sent.get(0))
                .containsEntry("name", "SecretsManager")
                .containsEntry("namespace", "aws")
                .containsEntry("trace_id", ROOT)
                .containsEntry("parent_id", FUNCTION_SEGMENT)
                .containsEntry(
                        "aws", Map.of("operation", "GetSecretValue", "region", "us-east-1", "request_id", "priming"))
                .containsEntry("http", Map.of("response", Map.of("status", 200)))
                .doesNotContainKeys("error", "fault");
        assertThat(sent.get(1))
                .containsEntry("name", "SecretsManager")
                .containsEntry("error", true)
                .containsEntry("http", Map.of("response", Map.of("status", 400)))
                .doesNotContainKeys("fault", "throttle");
        assertThat(sent.get(1).get("cause").toString()).contains("ResourceNotFoundException");
    }

    @Test
    void nothingIsSentForAnUnsampledOrUntracedInvocation() throws Exception {
        System.setProperty(TraceHeader.PROPERTY, "Root=" + ROOT + ";Parent=" + FUNCTION_SEGMENT + ";Sampled=0");
        assertThat(Tracing.traced("## Unsampled", () -> "ran")).isEqualTo("ran");
        System.clearProperty(TraceHeader.PROPERTY);
        assertThat(Tracing.traced("## Untraced", () -> "ran")).isEqualTo("ran");
        Tracing.annotate("ignored", "no open subsegment");

        assertThat(receive(0)).isEmpty();
    }

    @Test
    void headersAndDaemonAddressesAsLambdaWritesThem() {
        assertThat(TraceHeader.parse("Root=" + ROOT + ";Parent=" + FUNCTION_SEGMENT + ";Sampled=1"))
                .isEqualTo(new TraceHeader(ROOT, FUNCTION_SEGMENT, true));
        assertThat(TraceHeader.parse("Root=" + ROOT)).isEqualTo(new TraceHeader(ROOT, null, false));
        assertThat(TraceHeader.parse("Parent=" + FUNCTION_SEGMENT + ";Sampled=1"))
                .isNull();
        assertThat(TraceHeader.parse("")).isNull();
        assertThat(XRayDaemon.parse("169.254.79.129:2000")).hasToString("169.254.79.129/<unresolved>:2000");
        assertThat(XRayDaemon.parse("tcp:10.0.0.1:2000 udp:10.0.0.2:2001").getPort())
                .isEqualTo(2001);
        assertThat(XRayDaemon.parse("udp:nowhere")).isNull();
        assertThat(XRayDaemon.parse("10.0.0.1:99999")).isNull();
        assertThat(XRayDaemon.parse(null)).isNull();
    }

    @Test
    void namesAndAnnotationKeysAreKeptToWhatXRayAccepts() {
        Subsegment subsegment = new Subsegment("## Create<Contract>\n", ROOT, FUNCTION_SEGMENT, null);
        subsegment.annotate("contract-id", "x".repeat(2_000));
        subsegment.end();
        Map<String, Object> json = SampleEvents.parseJson(subsegment.toJson());
        assertThat(json).containsEntry("name", "## Create_Contract__").doesNotContainKey("namespace");
        @SuppressWarnings("unchecked")
        Map<String, String> annotations = (Map<String, String>) json.get("annotations");
        assertThat(annotations.get("contract_id")).hasSize(1_000);
    }

    private static DynamoDbClient client(int status, String body) {
        InMemorySdkHttpClient http = new InMemorySdkHttpClient(
                call -> new InMemorySdkHttpClient.Answer(status, "application/x-amz-json-1.0", body));
        return http.client(DynamoDbClient.builder()
                .overrideConfiguration(
                        o -> o.addExecutionInterceptor(AwsCallTracing.INSTANCE).retryStrategy(r -> r.maxAttempts(1))));
    }

    /** The documents the daemon received: exactly {@code expected}, each after the X-Ray header line. */
    private List<Map<String, Object>> receive(int expected) throws Exception {
        List<Map<String, Object>> documents = new ArrayList<>();
        daemon.setSoTimeout(expected == 0 ? 300 : 2_000);
        while (true) {
            byte[] buffer = new byte[65_536];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                daemon.receive(packet);
            } catch (SocketTimeoutException e) {
                break;
            }
            String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            assertThat(text).startsWith("{\"format\":\"json\",\"version\":1}\n");
            documents.add(SampleEvents.parseJson(text.substring(text.indexOf('\n') + 1)));
            if (documents.size() == expected) {
                daemon.setSoTimeout(300);
            }
        }
        assertThat(documents).hasSize(expected);
        return documents;
    }
}
