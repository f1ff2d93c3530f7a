package com.ccs.workflows.approval;

import static com.ccs.workflows.approval.ApprovalItems.n;
import static com.ccs.workflows.approval.ApprovalItems.s;

import com.ccs.workflows.shared.aws.SdkFaults;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The approvals table ({@code approval_id} partition key). Besides the approvals it holds one marker per
 * execution, {@code EXECUTION#<execution_id>} with {@code current_approval_id}, which makes opening an approval
 * idempotent; approval ids ({@code apr_...}) can never collide with it. Every change is one conditional write.
 */
public final class DynamoDbApprovalStore implements ApprovalStore {
    private static final String APPEND_AUDIT = "audit = list_append(if_not_exists(audit, :no_events), :event)";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbApprovalStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Approval> find(String approvalId) {
        try {
            Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table)
                            .key(ApprovalItems.key(approvalId))
                            .consistentRead(true))
                    .item();
            if (item == null || item.isEmpty() || !item.containsKey("status")) {
                return Optional.empty();
            }
            return Optional.of(ApprovalItems.fromItem(item));
        } catch (SdkException e) {
            throw SdkFaults.translate("DynamoDB", e);
        }
    }

    @Override
    public Optional<Approval> findByExecution(String executionId) {
        try {
            Map<String, AttributeValue> marker = dynamo.getItem(r -> r.tableName(table)
                            .key(ApprovalItems.key(ApprovalItems.markerId(executionId)))
                            .consistentRead(true))
                    .item();
            if (marker == null || !marker.containsKey("current_approval_id")) {
                return Optional.empty();
            }
            return find(marker.get("current_approval_id").s());
        } catch (SdkException e) {
            throw SdkFaults.translate("DynamoDB", e);
        }
    }

    @Override
    public boolean create(Approval approval, Optional<String> replacing) {
        TransactWriteItem putApproval = TransactWriteItem.builder()
                .put(p -> p.tableName(table)
                        .item(ApprovalItems.toItem(approval))
                        .conditionExpression("attribute_not_exists(approval_id)"))
                .build();
        TransactWriteItem putMarker = TransactWriteItem.builder()
                .put(p -> {
                    p.tableName(table).item(ApprovalItems.marker(approval));
                    if (replacing.isPresent()) {
                        p.conditionExpression("current_approval_id = :previous")
                                .expressionAttributeValues(Map.of(":previous", s(replacing.get())));
                    } else {
                        p.conditionExpression("attribute_not_exists(approval_id)");
                    }
                })
                .build();
        try {
            dynamo.transactWriteItems(r -> r.transactItems(putApproval, putMarker));
            return true;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
            if (reasons.stream().anyMatch(reason -> "ConditionalCheckFailed".equals(reason.code()))) {
                return false;
            }
            throw SdkFaults.translate("DynamoDB", e);
        } catch (SdkException e) {
            throw SdkFaults.translate("DynamoDB", e);
        }
    }

    @Override
    public boolean renewWait(String approvalId, String taskToken, Instant expiresAt, Instant now, AuditEvent event) {
        return update(
                        approvalId,
                        "SET task_token = :token, expires_at = :expires, #ttl = :ttl, " + APPEND_AUDIT
                                + " REMOVE notified_at, reminded_at",
                        "#status = :pending AND expires_at > :now",
                        event,
                        Map.of(
                                ":token",
                                s(taskToken),
                                ":expires",
                                n(expiresAt.getEpochSecond()),
                                ":ttl",
                                n(ApprovalItems.ttl(expiresAt)),
                                ":pending",
                                s(ApprovalStatus.PENDING.wire()),
                                ":now",
                                n(now.getEpochSecond())))
                .applied();
    }

    @Override
    public void markNotified(String approvalId, AuditEvent event) {
        update(
                approvalId,
                "SET notified_at = :at, " + APPEND_AUDIT,
                "attribute_exists(approval_id)",
                event,
                Map.of(":at", s(event.at().toString())));
    }

    @Override
    public void markReminded(String approvalId, AuditEvent event) {
        update(
                approvalId,
                "SET reminded_at = :at, " + APPEND_AUDIT,
                "attribute_exists(approval_id)",
                event,
                Map.of(":at", s(event.at().toString())));
    }

    @Override
    public ClaimResult claim(
            String approvalId, Decision decision, DecisionRecord record, Instant now, AuditEvent event) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":decided",
                s(decision.outcome().wire()),
                ":by",
                s(record.decidedBy()),
                ":at",
                s(record.decidedAt().toString()),
                ":claim",
                s(record.claimId()),
                ":pending",
                s(ApprovalStatus.PENDING.wire()),
                ":now",
                n(now.getEpochSecond())));
        String set =
                "SET #status = :decided, decided_by = :by, decided_at = :at, decision_claim = :claim, " + APPEND_AUDIT;
        if (record.comment() != null) {
            set += ", #comment = :comment";
            values.put(":comment", s(record.comment()));
        }
        Result result = update(approvalId, set, "#status = :pending AND expires_at > :now", event, values);
        if (result.applied()) {
            return new ClaimResult.Claimed(ApprovalItems.fromItem(result.image()));
        }
        // Emulators may not return the old image on a failed condition: read it then.
        Optional<Approval> current = result.image() != null && result.image().containsKey("status")
                ? Optional.of(ApprovalItems.fromItem(result.image()))
                : find(approvalId);
        return current.<ClaimResult>map(ClaimResult.NotPending::new).orElseGet(ClaimResult.NotFound::new);
    }

    @Override
    public boolean retakeClaim(String approvalId, String oldClaimId, String newClaimId, AuditEvent event) {
        return update(
                        approvalId,
                        "SET decision_claim = :new_claim, " + APPEND_AUDIT,
                        "decision_claim = :old_claim AND attribute_not_exists(resumed_at)",
                        event,
                        Map.of(":new_claim", s(newClaimId), ":old_claim", s(oldClaimId)))
                .applied();
    }

    @Override
    public boolean markResumed(String approvalId, String claimId, AuditEvent event) {
        return update(
                        approvalId,
                        "SET resumed_at = :at, " + APPEND_AUDIT,
                        "decision_claim = :claim",
                        event,
                        Map.of(":at", s(event.at().toString()), ":claim", s(claimId)))
                .applied();
    }

    @Override
    public boolean release(String approvalId, String claimId, AuditEvent event) {
        return update(
                        approvalId,
                        "SET #status = :pending, " + APPEND_AUDIT
                                + " REMOVE decided_by, decided_at, #comment, decision_claim",
                        "decision_claim = :claim AND attribute_not_exists(resumed_at)",
                        event,
                        Map.of(":pending", s(ApprovalStatus.PENDING.wire()), ":claim", s(claimId)))
                .applied();
    }

    @Override
    public boolean expire(String approvalId, String claimId, AuditEvent event) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":expired", s(ApprovalStatus.EXPIRED.wire()));
        String condition;
        if (claimId != null) {
            condition = "decision_claim = :claim";
            values.put(":claim", s(claimId));
        } else {
            condition = "#status = :pending";
            values.put(":pending", s(ApprovalStatus.PENDING.wire()));
        }
        return update(approvalId, "SET #status = :expired, " + APPEND_AUDIT, condition, event, values)
                .applied();
    }

    /** A conditional write's result: the new image when applied, the old image (if any) when the condition failed. */
    private record Result(boolean applied, Map<String, AttributeValue> image) {}

    /** One conditional UpdateItem that also appends {@code event} to the item's audit trail. */
    private Result update(
            String approvalId,
            String expression,
            String condition,
            AuditEvent event,
            Map<String, AttributeValue> values) {
        Map<String, AttributeValue> allValues = new HashMap<>(values);
        allValues.put(":no_events", AttributeValue.fromL(List.of()));
        allValues.put(":event", AttributeValue.fromL(List.of(ApprovalItems.audit(event))));
        Map<String, String> names = new HashMap<>();
        if (expression.contains("#status") || condition.contains("#status")) {
            names.put("#status", "status");
        }
        if (expression.contains("#comment")) {
            names.put("#comment", "comment");
        }
        if (expression.contains("#ttl")) {
            names.put("#ttl", "ttl"); // a DynamoDB reserved word
        }
        UpdateItemRequest.Builder request = UpdateItemRequest.builder()
                .tableName(table)
                .key(ApprovalItems.key(approvalId))
                .updateExpression(expression)
                .conditionExpression(condition)
                .expressionAttributeValues(allValues)
                .returnValues(ReturnValue.ALL_NEW)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        if (!names.isEmpty()) {
            request.expressionAttributeNames(names);
        }
        try {
            return new Result(true, dynamo.updateItem(request.build()).attributes());
        } catch (ConditionalCheckFailedException e) {
            return new Result(false, e.hasItem() ? e.item() : null);
        } catch (SdkException e) {
            throw SdkFaults.translate("DynamoDB", e);
        }
    }
}
