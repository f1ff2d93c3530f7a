package com.ccs.workflows.shared.priming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

class InMemorySdkHttpClientTest {

    @Test
    void answersARealSdkClientByOperationWithTheBodyItSentAndCountsTheRequests() {
        List<InMemorySdkHttpClient.Call> calls = new ArrayList<>();
        InMemorySdkHttpClient http = new InMemorySdkHttpClient(call -> {
            calls.add(call);
            return switch (call.operation()) {
                case "GetItem" -> InMemorySdkHttpClient.Answer.json("{\"Item\":{\"id\":{\"S\":\"from-memory\"}}}");
                case "PutItem" ->
                    new InMemorySdkHttpClient.Answer(
                            400,
                            "application/x-amz-json-1.0",
                            "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\",\"message\":\"taken\"}");
                default -> throw new IllegalStateException("unexpected " + call.operation());
            };
        });
        try (DynamoDbClient dynamo = http.client(DynamoDbClient.builder())) {
            Map<String, AttributeValue> item = dynamo.getItem(
                            b -> b.tableName("things").key(Map.of("id", AttributeValue.fromS("k1"))))
                    .item();
            dynamo.getItem(b -> b.tableName("things").key(Map.of("id", AttributeValue.fromS("k2"))));

            assertThat(item).containsEntry("id", AttributeValue.fromS("from-memory"));
            assertThatThrownBy(() ->
                            dynamo.putItem(b -> b.tableName("things").item(Map.of("id", AttributeValue.fromS("k1")))))
                    .isInstanceOf(ConditionalCheckFailedException.class)
                    .hasMessageContaining("taken");
        }

        assertThat(http.requests()).isEqualTo(Map.of("GetItem", 2, "PutItem", 1));
        assertThat(calls.getFirst().body()).contains("\"TableName\":\"things\"").contains("k1");
    }

    @Test
    void namesJsonQueryAndRestOperations() {
        assertThat(InMemorySdkHttpClient.operation(
                        request(SdkHttpMethod.POST, "/")
                                .putHeader("X-Amz-Target", "secretsmanager.GetSecretValue")
                                .build(),
                        "{}"))
                .isEqualTo("GetSecretValue");
        assertThat(InMemorySdkHttpClient.operation(
                        request(SdkHttpMethod.POST, "/").build(), "Action=Publish&Version=2010-03-31&Message=hi"))
                .isEqualTo("Publish");
        assertThat(InMemorySdkHttpClient.operation(
                        request(SdkHttpMethod.POST, "/topics/ccs%2Fdev%2Fcommands")
                                .build(),
                        "{}"))
                .isEqualTo("Publish");
        assertThat(InMemorySdkHttpClient.operation(
                        request(SdkHttpMethod.POST, "/schedules/reminder-1").build(), "{}"))
                .isEqualTo("CreateSchedule");
        assertThat(InMemorySdkHttpClient.operation(
                        request(SdkHttpMethod.DELETE, "/schedules/reminder-1").build(), ""))
                .isEqualTo("DELETE /schedules/reminder-1");
    }

    private static SdkHttpRequest.Builder request(SdkHttpMethod method, String path) {
        return SdkHttpRequest.builder()
                .method(method)
                .protocol("http")
                .host("priming.invalid")
                .encodedPath(path);
    }
}
