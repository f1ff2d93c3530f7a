package com.ccs.workflows.shared.aws;

import com.ccs.workflows.errors.DependencyUnavailableException;
import com.ccs.workflows.shared.priming.RestoreSafeRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Strongly consistent BatchGetItem of any number of keys of one table: 100 keys per call (DynamoDB's limit), and
 * the keys DynamoDB leaves unprocessed (throttling, partition limits, the 16 MB answer limit), which the SDK does
 * not retry, asked again with bounded backoff. Faults are {@link SdkFaults#translate translated} as every AWS call
 * of the functions is.
 */
public final class DynamoDbBatchGet {
    static final int KEYS_PER_CALL = 100;

    private final DynamoDbClient dynamo;
    private final Backoff backoff;
    private final Sleeper sleeper;

    public DynamoDbBatchGet(DynamoDbClient dynamo) {
        this(dynamo, Backoff.DEFAULT, Sleeper.THREAD);
    }

    public DynamoDbBatchGet(DynamoDbClient dynamo, Backoff backoff, Sleeper sleeper) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * The items of {@code table} with these keys that exist, in no particular order.
     *
     * @param projection a ProjectionExpression, or null for whole items
     * @param names      its ExpressionAttributeNames (may be empty)
     */
    public List<Map<String, AttributeValue>> batchGetItem(
            String table, List<Map<String, AttributeValue>> keys, String projection, Map<String, String> names) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += KEYS_PER_CALL) {
            KeysAndAttributes.Builder batch = KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(from + KEYS_PER_CALL, keys.size())))
                    .consistentRead(true);
            if (projection != null) {
                batch.projectionExpression(projection);
                if (!names.isEmpty()) {
                    batch.expressionAttributeNames(names);
                }
            }
            items.addAll(readFully(table, batch.build()));
        }
        return items;
    }

    private List<Map<String, AttributeValue>> readFully(String table, KeysAndAttributes batch) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        KeysAndAttributes pending = batch;
        for (int attempt = 1; ; attempt++) {
            KeysAndAttributes asking = pending;
            BatchGetItemResponse response;
            try {
                response = dynamo.batchGetItem(b -> b.requestItems(Map.of(table, asking)));
            } catch (SdkException e) {
                throw SdkFaults.translate("DynamoDB BatchGetItem", e);
            }
            items.addAll(response.responses().getOrDefault(table, List.of()));
            pending = response.hasUnprocessedKeys() ? response.unprocessedKeys().get(table) : null;
            if (pending == null || !pending.hasKeys() || pending.keys().isEmpty()) {
                return items;
            }
            if (attempt == backoff.maxAttempts()) {
                throw new DependencyUnavailableException(
                        "DynamoDB",
                        pending.keys().size() + " keys still unread after " + attempt + " BatchGetItem calls to "
                                + table,
                        null);
            }
            pause(backoff.delay(attempt, RestoreSafeRandom.current()));
        }
    }

    private void pause(Duration delay) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DependencyUnavailableException(
                    "DynamoDB", "interrupted while waiting to read unprocessed keys", e);
        }
    }
}
