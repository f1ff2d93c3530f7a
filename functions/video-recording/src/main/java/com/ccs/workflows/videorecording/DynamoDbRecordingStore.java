package com.ccs.workflows.videorecording;

import com.ccs.workflows.errors.DependencyUnavailableException;
import com.ccs.workflows.shared.aws.SdkFaults;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Recording sessions in the recordings table (partition key {@code incident_id}, one item per incident).
 * The claim is a conditional put ({@code attribute_not_exists}) that asks DynamoDB for the existing item when
 * the condition fails, so a repeated start costs one request; a strongly consistent read covers stores that do
 * not return it.
 */
public final class DynamoDbRecordingStore implements RecordingStore {
    static final String DEPENDENCY = "DynamoDB recordings table";

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbRecordingStore(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    @Override
    public SessionClaim claim(RecordingSession intent) {
        try {
            client.putItem(PutItemRequest.builder()
                    .tableName(tableName)
                    .item(toItem(intent))
                    .conditionExpression("attribute_not_exists(incident_id)")
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return new SessionClaim.Created(intent);
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> stored =
                    e.hasItem() && !e.item().isEmpty() ? e.item() : read(intent.incidentId());
            return new SessionClaim.Existing(fromItem(stored));
        } catch (SdkException e) {
            throw SdkFaults.translate(DEPENDENCY, e);
        }
    }

    @Override
    public void markRecording(RecordingSession session) {
        try {
            client.updateItem(UpdateItemRequest.builder()
                    .tableName(tableName)
                    .key(Map.of("incident_id", s(session.incidentId())))
                    .updateExpression("SET #status = :recording")
                    // Never create a partial item: only the session this attempt claimed or found is updated.
                    .conditionExpression("attribute_exists(incident_id) AND recording_id = :recording_id")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(
                            ":recording", s(RecordingStatus.RECORDING.wire()),
                            ":recording_id", s(session.recordingId())))
                    .build());
        } catch (ConditionalCheckFailedException e) {
            // Only possible if the item was removed between claim and update; a retry claims it afresh.
            throw new DependencyUnavailableException(
                    DEPENDENCY, "the session of incident " + session.incidentId() + " disappeared while starting", e);
        } catch (SdkException e) {
            throw SdkFaults.translate(DEPENDENCY, e);
        }
    }

    private Map<String, AttributeValue> read(String incidentId) {
        try {
            GetItemResponse response = client.getItem(b -> b.tableName(tableName)
                    .key(Map.of("incident_id", s(incidentId)))
                    .consistentRead(true));
            if (!response.hasItem() || response.item().isEmpty()) {
                throw new DependencyUnavailableException(
                        DEPENDENCY,
                        "the session of incident " + incidentId + " was reported as existing but could not be read",
                        null);
            }
            return response.item();
        } catch (SdkException e) {
            throw SdkFaults.translate(DEPENDENCY, e);
        }
    }

    static Map<String, AttributeValue> toItem(RecordingSession session) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("incident_id", s(session.incidentId()));
        item.put("recording_id", s(session.recordingId()));
        item.put("vehicle_id", s(session.vehicleId()));
        item.put("status", s(session.status().wire()));
        item.put("started_at", s(session.startedAt().toString()));
        item.put("command_topic", s(session.commandTopic()));
        return item;
    }

    static RecordingSession fromItem(Map<String, AttributeValue> item) {
        return new RecordingSession(
                string(item, "incident_id"),
                string(item, "recording_id"),
                string(item, "vehicle_id"),
                RecordingStatus.fromWire(string(item, "status")),
                Instant.parse(string(item, "started_at")),
                string(item, "command_topic"));
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.s() == null) {
            throw new IllegalStateException(
                    "recordings item " + item.get("incident_id") + " has no string attribute " + name);
        }
        return value.s();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
