package com.ccs.workflows.testing;

import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/** A DynamoDB client whose every read is throttled, as DynamoDB answers under load; other calls are unsupported. */
public final class ThrottledDynamoDb {
    private ThrottledDynamoDb() {}

    public static DynamoDbClient everyRead() {
        return new DynamoDbClient() {
            @Override
            public GetItemResponse getItem(Consumer<GetItemRequest.Builder> request) {
                throw ProvisionedThroughputExceededException.builder()
                        .message("throttled")
                        .statusCode(400)
                        .build();
            }

            @Override
            public String serviceName() {
                return "dynamodb";
            }

            @Override
            public void close() {}
        };
    }
}
