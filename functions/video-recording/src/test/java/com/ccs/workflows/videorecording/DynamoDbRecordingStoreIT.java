package com.ccs.workflows.videorecording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.errors.DependencyUnavailableException;
import com.ccs.workflows.shared.aws.AwsClients;
import com.ccs.workflows.testing.Emulators;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** The recordings store against DynamoDB in MiniStack, in a table of its own. */
class DynamoDbRecordingStoreIT {
    private static final String TOPIC = "ccs/it/vehicles/VEH-IT/commands";

    private static DynamoDbClient client;
    private static RecordingsTable table;
    private static DynamoDbRecordingStore store;

    @BeforeAll
    static void createTable() {
        client = AwsClients.build(DynamoDbClient.builder(), Emulators.awsEnvironment());
        table = RecordingsTable.create(client);
        store = new DynamoDbRecordingStore(client, table.name);
    }

    @AfterAll
    static void deleteTable() {
        if (table != null) {
            table.close();
        }
        if (client != null) {
            client.close();
        }
    }

    @Test
    void theFirstClaimWritesAStartingSessionWithTheTableAttributes() {
        RecordingSession intent = intent("INC-VEH-IT-1", Instant.parse("2026-03-01T12:00:00Z"));

        assertThat(store.claim(intent)).isEqualTo(new SessionClaim.Created(intent));

        assertThat(table.item("INC-VEH-IT-1"))
                .isEqualTo(Map.of(
                        "incident_id", AttributeValue.fromS("INC-VEH-IT-1"),
                        "recording_id", AttributeValue.fromS("REC-INC-VEH-IT-1"),
                        "vehicle_id", AttributeValue.fromS("VEH-IT"),
                        "status", AttributeValue.fromS("starting"),
                        "started_at", AttributeValue.fromS("2026-03-01T12:00:00Z"),
                        "command_topic", AttributeValue.fromS(TOPIC)));
    }

    @Test
    void aSecondClaimFindsTheStoredSessionAndChangesNothing() {
        RecordingSession first = intent("INC-VEH-IT-2", Instant.parse("2026-03-01T12:00:00Z"));
        store.claim(first);

        SessionClaim second = store.claim(intent("INC-VEH-IT-2", Instant.parse("2026-03-01T12:00:09Z")));

        assertThat(second).isEqualTo(new SessionClaim.Existing(first));
        assertThat(table.item("INC-VEH-IT-2").get("started_at").s()).isEqualTo("2026-03-01T12:00:00Z");
    }

    @Test
    void markingRecordingIsVisibleToTheNextClaimAndIdempotent() {
        RecordingSession session = intent("INC-VEH-IT-3", Instant.parse("2026-03-01T12:00:00Z"));
        store.claim(session);

        store.markRecording(session);
        store.markRecording(session);

        assertThat(store.claim(intent("INC-VEH-IT-3", Instant.now())))
                .isEqualTo(new SessionClaim.Existing(session.withStatus(RecordingStatus.RECORDING)));
    }

    @Test
    void markingASessionThatIsNotStoredCreatesNothingAndAsksForARetry() {
        RecordingSession ghost = intent("INC-VEH-IT-GHOST", Instant.now());

        assertThatThrownBy(() -> store.markRecording(ghost)).isInstanceOf(DependencyUnavailableException.class);
        assertThat(table.item("INC-VEH-IT-GHOST")).isEmpty();
    }

    @Test
    void concurrentClaimsOfOneIncidentAgreeOnASingleSession() throws Exception {
        int contenders = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            List<Future<SessionClaim>> claims = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                Instant startedAt = Instant.parse("2026-03-01T12:00:00Z").plus(i, ChronoUnit.SECONDS);
                claims.add(pool.submit(() -> {
                    start.await();
                    return store.claim(intent("INC-VEH-IT-RACE", startedAt));
                }));
            }
            start.countDown();
            List<SessionClaim> results = new ArrayList<>();
            for (Future<SessionClaim> claim : claims) {
                results.add(claim.get());
            }

            assertThat(results)
                    .filteredOn(SessionClaim.Created.class::isInstance)
                    .hasSize(1);
            RecordingSession winner = results.stream()
                    .filter(SessionClaim.Created.class::isInstance)
                    .findFirst()
                    .orElseThrow()
                    .session();
            assertThat(results).extracting(SessionClaim::session).containsOnly(winner);
            assertThat(table.item("INC-VEH-IT-RACE").get("started_at").s())
                    .isEqualTo(winner.startedAt().toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aMissingTableIsAConfigurationFaultNotARetry() {
        DynamoDbRecordingStore misconfigured = new DynamoDbRecordingStore(client, table.name + "-missing");

        assertThatThrownBy(() -> misconfigured.claim(intent("INC-VEH-IT-4", Instant.now())))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    private static RecordingSession intent(String incidentId, Instant startedAt) {
        return RecordingSession.starting(incidentId, "VEH-IT", TOPIC, startedAt);
    }
}
