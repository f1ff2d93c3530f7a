package com.ccs.workflows.localrunner.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.localrunner.backend.EmbeddedAws;
import com.ccs.workflows.localrunner.errors.StatesFailure;
import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The service integrations over signed HTTP (as against an emulator), here against the embedded endpoint. */
class AwsServiceCallsTest {
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

  @Test
  void signedCallsReturnTheServiceAnswerAndNameErrorsLikeStepFunctions() throws IOException {
    try (EmbeddedAws aws = EmbeddedAws.start()) {
      AwsServiceCalls calls = new AwsServiceCalls(aws.endpoint(), "us-east-1", CREDENTIALS);
      aws.dynamoDb().handle("CreateTable", Json.parse("""
          {"TableName": "t", "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
           "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}]}"""));
      String topic = aws.sns().createTopic("alerts");

      JsonNode put = calls.call("dynamodb", "putItem", Json.parse("""
          {"TableName": "t", "Item": {"id": {"S": "a"}}, "ConditionExpression": "attribute_not_exists(id)"}"""));
      assertThat(put.at("/SdkHttpMetadata/HttpStatusCode").asInt()).isEqualTo(200);
      assertThat(aws.dynamoDb().items("t")).hasSize(1);
      assertThatThrownBy(() -> calls.call("dynamodb", "putItem", Json.parse("""
          {"TableName": "t", "Item": {"id": {"S": "a"}}, "ConditionExpression": "attribute_not_exists(id)"}""")))
          .isInstanceOfSatisfying(StatesFailure.class, f -> {
            assertThat(f.error()).isEqualTo("DynamoDB.ConditionalCheckFailedException");
            assertThat(f.cause()).contains("Status Code: 400");
          });

      JsonNode published = calls.call("sns", "publish", Json.parse("""
          {"TopicArn": "%s", "Subject": "s", "Message": {"k": "v"},
           "MessageAttributes": {"a": {"DataType": "String", "StringValue": "x"}}}""".formatted(topic)));
      assertThat(published.path("MessageId").asText()).isNotBlank();
      assertThat(aws.sns().messages()).singleElement().satisfies(m -> {
        assertThat(m.body()).isEqualTo("{\"k\":\"v\"}");
        assertThat(m.attributes()).containsEntry("a", "x");
      });
      assertThatThrownBy(() -> calls.call("sns", "publish", Json.parse("""
          {"TopicArn": "%s-missing", "Message": "m"}""".formatted(topic))))
          .isInstanceOfSatisfying(StatesFailure.class,
              f -> assertThat(f.error()).isEqualTo("SNS.NotFoundException"));

      JsonNode sdk = calls.call("aws-sdk:dynamodb", "getItem", Json.parse("""
          {"TableName": "t", "Key": {"id": {"S": "a"}}}"""));
      assertThat(sdk.at("/Item/id/S").asText()).isEqualTo("a");
      assertThat(sdk.has("SdkHttpMetadata")).isFalse();
    }
  }

  @Test
  void anUnreachableEndpointIsAnSdkClientException() {
    AwsServiceCalls calls = new AwsServiceCalls(URI.create("http://127.0.0.1:1"), "us-east-1", CREDENTIALS);
    assertThatThrownBy(() -> calls.call("dynamodb", "getItem", Json.parse("{\"TableName\": \"t\"}")))
        .isInstanceOfSatisfying(StatesFailure.class,
            f -> assertThat(f.error()).isEqualTo("DynamoDB.SdkClientException"));
  }
}
