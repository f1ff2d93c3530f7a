package com.ccs.workflows.activateservice;

import com.ccs.workflows.contract.ContractRequest;
import com.ccs.workflows.shared.event.EventFields;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads {@code {"execution_id", "contract_id", "request": <the contract request>}}. The request is read and checked
 * by the rules every business function shares ({@link ContractRequest#parse}): plates normalised
 * ({@code ABC-123} becomes {@code ABC123}) and unique, at most {@code number_of_vehicles} of them.
 */
final class ActivationEvent {
    private static final Pattern CONTRACT_ID = Pattern.compile("CONT-\\d{4}-\\d{1,12}");

    private ActivationEvent() {}

    static ActivationRequest parse(Map<String, Object> event) {
        EventFields root = EventFields.of(event);
        String contractId = root.requiredString("contract_id");
        if (!CONTRACT_ID.matcher(contractId).matches()) {
            throw root.invalid("contract_id", "must be a contract id such as CONT-2026-000042");
        }
        ContractRequest request = ContractRequest.parse(root.raw("request"), "request");
        return new ActivationRequest(contractId, request.customerId(), request.numberOfVehicles(), request.vehicles());
    }
}
