package com.ccs.workflows.approval;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Maps approvals and audit events to DynamoDB items of the approvals table and back. */
final class ApprovalItems {
    static final String KEY = "approval_id";
    static final String MARKER_PREFIX = "EXECUTION#";
    /**
     * Items stay this long after the window closes before TTL removes them, so the audit trail (who decided
     * what, when) outlives the approval itself.
     */
    static final Duration RETENTION = Duration.ofDays(90);

    private ApprovalItems() {}

    static Map<String, AttributeValue> key(String approvalId) {
        return Map.of(KEY, s(approvalId));
    }

    static String markerId(String executionId) {
        return MARKER_PREFIX + executionId;
    }

    static Map<String, AttributeValue> marker(Approval approval) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(KEY, s(markerId(approval.executionId())));
        item.put("record_type", s("execution_marker"));
        item.put("execution_id", s(approval.executionId()));
        item.put("current_approval_id", s(approval.approvalId()));
        item.put("ttl", n(ttl(approval.expiresAt())));
        return item;
    }

    static Map<String, AttributeValue> toItem(Approval a) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(KEY, s(a.approvalId()));
        item.put("record_type", s("approval"));
        item.put("execution_id", s(a.executionId()));
        item.put("task_token", s(a.taskToken()));
        item.put("customer_id", s(a.summary().customerId()));
        item.put("company_name", s(a.summary().companyName()));
        item.put("number_of_vehicles", n(a.summary().numberOfVehicles()));
        item.put("contract_type", s(a.summary().contractType()));
        item.put("estimated_value", n(a.summary().estimatedValue()));
        putString(item, "document_type", a.summary().documentType());
        putString(item, "document_id", a.summary().documentId());
        if (!a.summary().plates().isEmpty()) {
            item.put(
                    "plates",
                    AttributeValue.fromL(
                            a.summary().plates().stream().map(ApprovalItems::s).toList()));
        }
        item.put("approver", s(a.approver()));
        item.put("status", s(a.status().wire()));
        item.put("created_at", s(a.createdAt().toString()));
        item.put("expires_at", n(a.expiresAt().getEpochSecond()));
        item.put("ttl", n(ttl(a.expiresAt())));
        putInstant(item, "notified_at", a.notifiedAt());
        putInstant(item, "reminded_at", a.remindedAt());
        putInstant(item, "resumed_at", a.resumedAt());
        if (a.decision() != null) {
            item.put("decided_by", s(a.decision().decidedBy()));
            item.put("decided_at", s(a.decision().decidedAt().toString()));
            item.put("decision_claim", s(a.decision().claimId()));
            if (a.decision().comment() != null) {
                item.put("comment", s(a.decision().comment()));
            }
        }
        item.put(
                "audit",
                AttributeValue.fromL(
                        a.audit().stream().map(ApprovalItems::audit).toList()));
        return item;
    }

    static Approval fromItem(Map<String, AttributeValue> item) {
        RequestSummary summary = new RequestSummary(
                str(item, "customer_id"),
                str(item, "company_name"),
                num(item, "number_of_vehicles"),
                str(item, "contract_type"),
                num(item, "estimated_value"),
                str(item, "document_type"),
                str(item, "document_id"),
                strings(item, "plates"));
        DecisionRecord decision = item.containsKey("decided_at")
                ? new DecisionRecord(
                        str(item, "decided_by"),
                        Instant.parse(str(item, "decided_at")),
                        str(item, "comment"),
                        str(item, "decision_claim"))
                : null;
        List<AuditEvent> audit = new ArrayList<>();
        if (item.containsKey("audit") && item.get("audit").hasL()) {
            item.get("audit").l().forEach(value -> audit.add(audit(value.m())));
        }
        return new Approval(
                str(item, KEY),
                str(item, "execution_id"),
                str(item, "task_token"),
                summary,
                str(item, "approver"),
                ApprovalStatus.fromWire(str(item, "status")),
                instant(item, "created_at"),
                Instant.ofEpochSecond(num(item, "expires_at")),
                instant(item, "notified_at"),
                instant(item, "reminded_at"),
                decision,
                instant(item, "resumed_at"),
                audit);
    }

    static AttributeValue audit(AuditEvent event) {
        Map<String, AttributeValue> map = new HashMap<>();
        map.put("event", s(event.event()));
        map.put("at", s(event.at().toString()));
        putString(map, "actor", event.actor());
        putString(map, "source_ip", event.sourceIp());
        putString(map, "user_agent", event.userAgent());
        putString(map, "request_id", event.requestId());
        return AttributeValue.fromM(map);
    }

    private static AuditEvent audit(Map<String, AttributeValue> m) {
        return new AuditEvent(
                str(m, "event"),
                Instant.parse(str(m, "at")),
                str(m, "actor"),
                str(m, "source_ip"),
                str(m, "user_agent"),
                str(m, "request_id"));
    }

    static long ttl(Instant expiresAt) {
        return expiresAt.plus(RETENTION).getEpochSecond();
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static void putString(Map<String, AttributeValue> map, String name, String value) {
        if (value != null && !value.isEmpty()) {
            map.put(name, s(value));
        }
    }

    private static void putInstant(Map<String, AttributeValue> map, String name, Instant value) {
        if (value != null) {
            map.put(name, s(value.toString()));
        }
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    /** A list of strings; absent (an approval stored before the plates were kept) reads as empty. */
    private static List<String> strings(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || !value.hasL()
                ? List.of()
                : value.l().stream().map(AttributeValue::s).toList();
    }

    private static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String value = str(item, name);
        return value == null ? null : Instant.parse(value);
    }
}
