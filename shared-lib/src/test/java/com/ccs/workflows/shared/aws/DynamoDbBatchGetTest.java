package com.ccs.workflows.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.errors.DependencyUnavailableException;
import com.ccs.workflows.shared.priming.InMemorySdkHttpClient;
import com.ccs.workflows.shared.priming.InMemorySdkHttpClient.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The answers an emulator cannot be made to give: keys DynamoDB leaves unprocessed, and its errors. */
class DynamoDbBatchGetTest {
    private static final List<Map<String, AttributeValue>> ONE_KEY =
            List.of(Map.of("plate", AttributeValue.fromS("ABC123")));
    private static final String ACTIVE_ITEM = "{\"plate\":{\"S\":\"ABC123\"},\"customer_id\":{\"S\":\"CUST-1\"},"
            + "\"contract_id\":{\"S\":\"CONT-2026-000001\"},\"status\":{\"S\":\"active\"}}";
    private static final String UNPROCESSED = "{\"Responses\":{\"vehicles\":[]},\"UnprocessedKeys\":{\"vehicles\":"
            + "{\"Keys\":[{\"plate\":{\"S\":\"ABC123\"}}],\"ConsistentRead\":true}}}";
    private final List<Duration> waits = new ArrayList<>();

    private DynamoDbBatchGet reader(DynamoDbClient dynamo) {
        return new DynamoDbBatchGet(dynamo, new Backoff(3, Duration.ofMillis(10), Duration.ofMillis(40)), waits::add);
    }

    private List<Map<String, AttributeValue>> read(DynamoDbClient dynamo, List<Map<String, AttributeValue>> keys) {
        return reader(dynamo).batchGetItem("vehicles", keys, "plate, #status", Map.of("#status", "status"));
    }

    @Test
    void asksAHundredKeysPerCallStronglyConsistentWithTheProjection() {
        List<String> bodies = new ArrayList<>();
        InMemorySdkHttpClient http = new InMemorySdkHttpClient(call -> {
            bodies.add(call.body());
            return Answer.json("{\"Responses\":{\"vehicles\":[" + ACTIVE_ITEM + "]},\"UnprocessedKeys\":{}}");
        });
        List<Map<String, AttributeValue>> keys = IntStream.range(0, 230)
                .mapToObj(i -> Map.of("plate", AttributeValue.fromS("P" + i)))
                .toList();
        try (DynamoDbClient dynamo = http.client(DynamoDbClient.builder())) {
            assertThat(read(dynamo, keys)).hasSize(3);
        }
        assertThat(bodies)
                .hasSize(3)
                .allSatisfy(body -> assertThat(body)
                        .contains("\"ConsistentRead\":true")
                        .contains("\"ProjectionExpression\":\"plate, #status\""));
        assertThat(bodies.get(0).split("\"plate\"")).hasSize(101);
        assertThat(bodies.get(2).split("\"plate\"")).hasSize(31);
    }

    @Test
    void asksAgainForUnprocessedKeysWithBackoff() {
        AtomicInteger calls = new AtomicInteger();
        InMemorySdkHttpClient http = new InMemorySdkHttpClient(call -> calls.incrementAndGet() == 1
                ? Answer.json(UNPROCESSED)
                : Answer.json("{\"Responses\":{\"vehicles\":[" + ACTIVE_ITEM + "]},\"UnprocessedKeys\":{}}"));
        try (DynamoDbClient dynamo = http.client(DynamoDbClient.builder())) {
            assertThat(read(dynamo, ONE_KEY))
                    .singleElement()
                    .satisfies(item -> assertThat(item.get("customer_id").s()).isEqualTo("CUST-1"));
        }
        assertThat(calls).hasValue(2);
        assertThat(waits)
                .singleElement()
                .satisfies(w -> assertThat(w).isBetween(Duration.ofMillis(5), Duration.ofMillis(10)));
    }

    @Test
    void keysStillUnprocessedAfterTheLastAttemptAreADependencyFault() {
        InMemorySdkHttpClient http = new InMemorySdkHttpClient(call -> Answer.json(UNPROCESSED));
        try (DynamoDbClient dynamo = http.client(DynamoDbClient.builder())) {
            assertThatThrownBy(() -> read(dynamo, ONE_KEY))
                    .isInstanceOf(DependencyUnavailableException.class)
                    .hasMessageContaining("1 keys still unread after 3 BatchGetItem calls");
        }
        assertThat(waits).hasSize(2);
    }
}
