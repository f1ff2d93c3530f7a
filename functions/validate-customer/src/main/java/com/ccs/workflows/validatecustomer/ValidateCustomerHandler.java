package com.ccs.workflows.validatecustomer;

import com.amazonaws.services.lambda.runtime.Context;
import com.ccs.workflows.contract.ContractRequestReader;
import com.ccs.workflows.contract.Reason;
import com.ccs.workflows.shared.aws.AwsClients;
import com.ccs.workflows.shared.aws.DynamoDbBatchGet;
import com.ccs.workflows.shared.config.FunctionEnvironment;
import com.ccs.workflows.shared.event.JsonEventHandler;
import com.ccs.workflows.shared.observability.MetricUnit;
import com.ccs.workflows.shared.observability.Observability;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * "Validate Customer Data" of the business workflow. Input: the contract request (see
 * {@link com.ccs.workflows.contract.ContractRequest}).
 * Output: {@code {"valid", "score", "reasons": ["field: why", ...], "warnings": [...], "normalized_plates": [...],
 * "registry_status"}}; the state machine's "Valid?" choice reads {@code valid}.
 *
 * <p>Data problems, an unknown company included, are {@code valid: false}. Thrown: {@code InvalidInputException}
 * only for an event that is not a JSON object; {@code DependencyUnavailableException} when the registry cannot
 * answer (retried); {@link RegistryResponseException} when it answers outside its contract (not retried).
 */
public final class ValidateCustomerHandler extends JsonEventHandler {

    private final CustomerValidationService service;

    static final String VEHICLES_TABLE = "VEHICLES_TABLE";

    /**
     * Used by Lambda: the registry client ({@code REGISTRY_*} variables) and the DynamoDB client of the vehicles
     * table ({@code VEHICLES_TABLE}) are built once per container.
     */
    public ValidateCustomerHandler() {
        this(fromEnvironment(FunctionEnvironment.variables()));
        ValidationPriming.register();
    }

    public ValidateCustomerHandler(CustomerValidationService service) {
        this.service = service;
    }

    static CustomerValidationService fromEnvironment(Map<String, String> env) {
        String vehicles = env.get(VEHICLES_TABLE);
        if (vehicles == null || vehicles.isBlank()) {
            throw new IllegalStateException(
                    VEHICLES_TABLE + " is not set: it must name the vehicles table (e.g. ccs-dev-vehicles)");
        }
        return new CustomerValidationService(
                new HttpCompanyRegistry(RegistryConfig.fromEnvironment(env)),
                new DynamoDbPlateOwners(
                        new DynamoDbBatchGet(AwsClients.build(DynamoDbClient.builder(), env)), vehicles.strip()));
    }

    @Override
    public Map<String, Object> handle(Map<String, Object> event, Context context) {
        return Observability.handle(context, "ValidateCustomer", correlationIds(event), () -> {
            ValidationResult result = service.validate(ContractRequestReader.read(event));
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
