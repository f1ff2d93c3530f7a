package com.ccs.workflows.createcontract;

import com.ccs.workflows.contract.ContractRequest;
import com.ccs.workflows.shared.event.EventFields;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Reads the state machine's input, {@code {"execution_id", "request": <contract request>, "approval": {...}}},
 * into the {@link ContractTerms} to record. The request is read and checked by the same rules as
 * validate-customer ({@link ContractRequest#parse}), so a malformed event fails here with the field's path
 * rather than as a half-written contract.
 */
final class CreateContractEvent {

    private CreateContractEvent() {}

    static ContractTerms parse(Map<String, Object> event) {
        EventFields root = EventFields.of(event);
        String executionId = root.requiredString("execution_id");
        ContractRequest request = ContractRequest.parse(root.raw("request"), "request");
        ContractApproval approval = approval(root.requiredObject("approval"));
        return new ContractTerms(
                executionId,
                request.customerId(),
                request.companyName(),
                request.documentType().name(),
                request.documentId(),
                request.contractType(),
                request.numberOfVehicles(),
                request.estimatedValue(),
                request.currency(),
                request.paymentMethod(),
                approval);
    }

    private static ContractApproval approval(EventFields approval) {
        String type = approval.requiredString("type");
        if (!approval.optionalBoolean("approved").orElse(true)) {
            throw approval.invalid("approved", "a rejected request cannot become a contract");
        }
        return switch (type) {
            case "automatic" -> new ContractApproval.Automatic();
            case "manual" ->
                new ContractApproval.Manual(
                        approval.requiredString("approver"),
                        instant(approval, "decided_at"),
                        approval.optionalString("comment").orElse(null));
            default -> throw approval.invalid("type", "must be \"automatic\" or \"manual\", got " + shown(type));
        };
    }

    /** ISO-8601 with an offset ({@code 2026-03-01T10:15:30Z}, {@code ...-05:00}), kept as the instant it names. */
    private static Instant instant(EventFields fields, String name) {
        String text = fields.requiredString(name);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw fields.invalid(
                    name, "must be an ISO-8601 date-time with offset such as 2026-03-01T10:15:30Z, got " + shown(text));
        }
    }

    /** A rejected value as an error message may show it: short ones quoted, long ones only by their length. */
    private static String shown(String value) {
        return value.length() <= 40 ? "\"" + value + "\"" : "a value of " + value.length() + " characters";
    }
}
