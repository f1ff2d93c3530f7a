package com.ccs.workflows.contract;

import java.util.List;

/**
 * The contract request as it arrived (the module's "Example Input"), each field wrapped in {@link Input} so that a
 * badly typed field is a finding, not a failed read: {@link ContractRules} reports every problem at once.
 */
public record ContractRequestFields(
        Input<String> executionId,
        Input<String> customerId,
        Input<String> documentType,
        Input<String> documentId,
        Input<CompanyInfo> companyInfo,
        Input<Long> numberOfVehicles,
        Input<String> contractType,
        Input<Long> estimatedValue,
        Input<String> currency,
        Input<String> paymentMethod,
        Input<List<VehicleInput>> vehicles,
        Input<String> stripeCustomerId,
        Input<String> paymentMethodId,
        Size size) {

    /** {@code company_info}: the contracting company's name and NIT. */
    public record CompanyInfo(Input<String> name, Input<String> taxId) {}

    /**
     * The request's size as Step Functions counts it (compact JSON, UTF-8 bytes), and the part of it its
     * {@code vehicles} list takes (0 without one).
     */
    public record Size(long requestBytes, long vehiclesBytes) {}

    /** One element of {@code vehicles}; {@code path} is its place in the request, e.g. {@code vehicles[3]}. */
    public record VehicleInput(String path, Input<String> plate, Input<String> model) {}
}
