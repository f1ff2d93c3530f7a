package com.ccs.workflows.approval;

import com.ccs.workflows.shared.event.EventFields;

/** What the manager needs to see to decide; copied from the contract request, nothing sensitive. */
public record RequestSummary(String customerId, String companyName, long numberOfVehicles, String contractType,
                             long estimatedValue) {

    /**
     * Reads the summary the state machine passes. The company name may arrive as {@code company_name} or inside
     * {@code company_info.name} (the shape of the original request), so the state machine can pass either.
     */
    public static RequestSummary from(EventFields request) {
        String company = request.optionalString("company_name")
                .or(() -> request.optionalObject("company_info").flatMap(info -> info.optionalString("name")))
                .orElseThrow(() -> request.invalid("company_name", "is required (or company_info.name) and must be a non-empty string"));
        long vehicles = request.requiredLong("number_of_vehicles");
        if (vehicles < 1) {
            throw request.invalid("number_of_vehicles", "must be at least 1, got " + vehicles);
        }
        long value = request.requiredLong("estimated_value");
        if (value < 0) {
            throw request.invalid("estimated_value", "must not be negative, got " + value);
        }
        return new RequestSummary(bounded(request, "customer_id", request.requiredString("customer_id")),
                bounded(request, "company_name", company), vehicles,
                bounded(request, "contract_type", request.requiredString("contract_type")), value);
    }

    private static String bounded(EventFields request, String field, String value) {
        if (value.length() > 200) {
            throw request.invalid(field, "must be at most 200 characters, got " + value.length());
        }
        return value;
    }
}
