package com.ccs.workflows.videorecording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.errors.DependencyUnavailableException;
import com.ccs.workflows.shared.priming.InMemorySdkHttpClient;
import com.ccs.workflows.shared.priming.InMemorySdkHttpClient.Answer;
import com.ccs.workflows.shared.priming.InMemorySdkHttpClient.Call;
import java.time.Instant;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The store's handling of DynamoDB answers that the emulator cannot be made to give (throttling, no ALL_OLD item). */
class DynamoDbRecordingStoreTest {
    private static final String JSON = "application/x-amz-json-1.0";
    private static final RecordingSession SESSION = new RecordingSession(
            "INC-1",
            "REC-INC-1",
            "VEH-1",
            RecordingStatus.RECORDING,
            Instant.parse("2026-03-01T12:00:00Z"),
            "ccs/dev/vehicles/VEH-1/commands");

    @Test
    void readsTheSessionConsistentlyWhenTheFailedConditionReturnsNoItem() {
        InMemorySdkHttpClient http = new InMemorySdkHttpClient(call -> switch (call.operation()) {
            case "PutItem" ->
                new Answer(
                        400,
                        JSON,
                        "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\",\"message\":\"The conditional request failed\"}");
            case "GetItem" ->
                new Answer(
                        200,
                        JSON,
                        "{\"Item\":{\"incident_id\":{\"S\":\"INC-1\"},"
                                + "\"recording_id\":{\"S\":\"REC-INC-1\"},\"vehicle_id\":{\"S\":\"VEH-1\"},\"status\":{\"S\":\"recording\"},"
                                + "\"started_at\":{\"S\":\"2026-03-01T12:00:00Z\"},\"command_topic\":{\"S\":\"ccs/dev/vehicles/VEH-1/commands\"}}}");
            default -> throw new AssertionError(call.operation());
        });
        try (DynamoDbClient client = client(http)) {
            SessionClaim claim = new DynamoDbRecordingStore(client, "t")
                    .claim(RecordingSession.starting(
                            "INC-1", "VEH-1", "ccs/dev/vehicles/VEH-1/commands", Instant.now()));

            assertThat(claim).isEqualTo(new SessionClaim.Existing(SESSION));
            assertThat(http.requests()).containsEntry("GetItem", 1);
        }
    }

    @Test
    void throttlingIsDependencyUnavailable() {
        assertTransient(
                call -> new Answer(
                        400,
                        JSON,
                        "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\",\"message\":\"slow down\"}"));
    }

    @Test
    void serverErrorsAreDependencyUnavailable() {
        assertTransient(call -> new Answer(
                500,
                JSON,
                "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"oops\"}"));
    }

    private static void assertTransient(Function<Call, Answer> answers) {
        try (DynamoDbClient client = client(new InMemorySdkHttpClient(answers))) {
            DynamoDbRecordingStore store = new DynamoDbRecordingStore(client, "t");
            assertThatThrownBy(() -> store.claim(SESSION.withStatus(RecordingStatus.STARTING)))
                    .isInstanceOfSatisfying(
                            DependencyUnavailableException.class,
                            e -> assertThat(e.dependency()).isEqualTo(DynamoDbRecordingStore.DEPENDENCY));
            assertThatThrownBy(() -> store.markRecording(SESSION)).isInstanceOf(DependencyUnavailableException.class);
        }
    }

    private static DynamoDbClient client(InMemorySdkHttpClient http) {
        return http.client(DynamoDbClient.builder().overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1))));
    }
}
