package com.ccs.workflows.createcontract;

import com.ccs.workflows.shared.event.EventFields;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Reads the state machine's input, {@code {"execution_id", "request": <contract request>, "approval": {...}}},
 * into a {@link ContractRequest}. The request was validated by validate-customer; this checks what the contract
 * itself needs, so a malformed event fails here with the field's path rather than as a half-written contract.
 */
final class CreateContractEvent {
    static final String CURRENCY = "COP";

    private CreateContractEvent() {
    }

    static ContractRequest parse(Map<String, Object> event) {
        EventFields root = EventFields.of(event);
        String executionId = root.requiredString("execution_id");
        EventFields request = root.requiredObject("request");
        EventFields company = request.requiredObject("company_info");

        long vehicles = request.requiredLong("number_of_vehicles");
        if (vehicles < 1 || vehicles > Integer.MAX_VALUE) {
            throw request.invalid("number_of_vehicles", "must be at least 1, got " + vehicles);
        }
        long value = request.requiredLong("estimated_value");
        if (value <= 0) {
            throw request.invalid("estimated_value", "must be a positive amount of whole COP pesos, got " + value);
        }
        String currency = request.optionalString("currency").orElse(CURRENCY);
        if (!CURRENCY.equals(currency)) {
            throw request.invalid("currency", "contracts are in COP, got " + shown(currency));
        }
        return new ContractRequest(
                executionId,
                request.requiredString("customer_id"),
                company.requiredString("name"),
                request.requiredString("document_type"),
                request.requiredString("document_id"),
                request.requiredString("contract_type"),
                (int) vehicles,
                value,
                currency,
                request.requiredString("payment_method"),
                approval(root.requiredObject("approval")));
    }

    private static Approval approval(EventFields approval) {
        String type = approval.requiredString("type");
        if (!approval.optionalBoolean("approved").orElse(true)) {
            throw approval.invalid("approved", "a rejected request cannot become a contract");
        }
        return switch (type) {
            case "automatic" -> new Approval.Automatic();
            case "manual" -> new Approval.Manual(
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
            throw fields.invalid(name, "must be an ISO-8601 date-time with offset such as 2026-03-01T10:15:30Z, got " + shown(text));
        }
    }

    /** A rejected value as an error message may show it: short ones quoted, long ones only by their length. */
    private static String shown(String value) {
        return value.length() <= 40 ? "\"" + value + "\"" : "a value of " + value.length() + " characters";
    }
}
