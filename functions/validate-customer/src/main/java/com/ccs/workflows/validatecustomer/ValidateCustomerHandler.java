package com.ccs.workflows.validatecustomer;

import com.amazonaws.services.lambda.runtime.Context;
import com.ccs.workflows.shared.config.FunctionEnvironment;
import com.ccs.workflows.shared.event.JsonEventHandler;
import com.ccs.workflows.shared.observability.MetricUnit;
import com.ccs.workflows.shared.observability.Observability;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "Validate Customer Data" of the business workflow. Input: the contract request (see {@link CustomerRequest}).
 * Output: {@code {"valid", "score", "reasons": ["field: why", ...], "warnings": [...], "normalized_plates": [...],
 * "registry_status"}}; the state machine's "Valid?" choice reads {@code valid}.
 *
 * <p>Data problems, an unknown company included, are {@code valid: false}. Thrown: {@code InvalidInputException}
 * only for an event that is not a JSON object; {@code DependencyUnavailableException} when the registry cannot
 * answer (retried); {@link RegistryResponseException} when it answers outside its contract (not retried).
 */
public final class ValidateCustomerHandler extends JsonEventHandler {

    private final CustomerValidationService service;

    /** Used by Lambda: the registry client is built once per container from {@code REGISTRY_*} variables. */
    public ValidateCustomerHandler() {
        this(new CustomerValidationService(new CustomerValidator(),
                new HttpCompanyRegistry(RegistryConfig.fromEnvironment(FunctionEnvironment.variables()))));
        ValidationPriming.register();
    }

    public ValidateCustomerHandler(CustomerValidationService service) {
        this.service = service;
    }

    @Override
    public Map<String, Object> handle(Map<String, Object> event, Context context) {
        return Observability.handle(context, "ValidateCustomer", correlationIds(event), () -> {
            ValidationResult result = service.validate(CustomerRequestReader.read(event));
            Observability.count(result.valid() ? "CustomerValidated" : "CustomerRejected");
            Observability.record("ValidationScore", result.score(), MetricUnit.NONE);
            return toOutput(result);
        });
    }

    static Map<String, Object> toOutput(ValidationResult result) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("valid", result.valid());
        output.put("score", result.score());
        output.put("reasons", texts(result.reasons()));
        output.put("warnings", texts(result.warnings()));
        output.put("normalized_plates", result.normalisedPlates());
        output.put("registry_status", result.registryStatus().code());
        return output;
    }

    private static List<String> texts(List<Reason> reasons) {
        return reasons.stream().map(Reason::toString).toList();
    }

    private static Map<String, String> correlationIds(Map<String, Object> event) {
        Map<String, String> ids = new HashMap<>();
        if (event != null && event.get("execution_id") instanceof String executionId) {
            ids.put(Observability.EXECUTION_ID, executionId);
        }
        return ids;
    }
}
