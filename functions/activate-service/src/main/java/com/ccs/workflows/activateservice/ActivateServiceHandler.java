package com.ccs.workflows.activateservice;

import com.amazonaws.services.lambda.runtime.Context;
import com.ccs.workflows.shared.aws.AwsClients;
import com.ccs.workflows.shared.config.FunctionEnvironment;
import com.ccs.workflows.shared.event.JsonEventHandler;
import com.ccs.workflows.shared.observability.Observability;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * "Activate Service" task of the business workflow. Input
 * {@code {"execution_id", "contract_id", "customer_id", "number_of_vehicles", "vehicles": [{"plate", "model"}]}}
 * ({@code execution_id} optional, it only tags the logs); output
 * {@code {"service_status": "active", "vehicles_activated": number_of_vehicles, "vehicles_registered": len(vehicles)}}.
 * Environment: {@code CONTRACTS_TABLE}, {@code VEHICLES_TABLE}.
 */
public final class ActivateServiceHandler extends JsonEventHandler {
    static final String CONTRACTS_TABLE = "CONTRACTS_TABLE";
    static final String VEHICLES_TABLE = "VEHICLES_TABLE";
    private static final Logger LOG = LoggerFactory.getLogger(ActivateServiceHandler.class);

    private final ServiceActivator activator;

    /** Used by Lambda: one DynamoDB client per container, table names from the environment. */
    public ActivateServiceHandler() {
        this(fromEnvironment(FunctionEnvironment.variables()));
        ActivationPriming.register();
    }

    public ActivateServiceHandler(ServiceActivator activator) {
        this.activator = Objects.requireNonNull(activator, "activator");
    }

    static ServiceActivator fromEnvironment(Map<String, String> env) {
        String contracts = required(env, CONTRACTS_TABLE, "the contracts table (e.g. ccs-dev-contracts)");
        String vehicles = required(env, VEHICLES_TABLE, "the vehicles table (e.g. ccs-dev-vehicles)");
        DynamoDbClient dynamo = AwsClients.build(DynamoDbClient.builder(), env);
        return new ServiceActivator(new DynamoDbFleetStore(dynamo, contracts, vehicles), Clock.systemUTC());
    }

    private static String required(Map<String, String> env, String name, String what) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: it must name " + what);
        }
        return value.strip();
    }

    @Override
    public Map<String, Object> handle(Map<String, Object> event, Context context) {
        return Observability.handle(context, "ActivateService", correlationIds(event), () -> {
            ActivationResult result = activator.activate(ActivationEvent.parse(event));
            LOG.info(
                    "Service active for {} vehicles, {} registered by plate, since {}",
                    result.vehiclesActivated(),
                    result.vehiclesRegistered(),
                    result.activatedAt());
            return output(result);
        });
    }

    /** The execution and contract the state machine names, so every log line of the activation carries both. */
    private static Map<String, String> correlationIds(Map<String, Object> event) {
        Map<String, String> ids = new HashMap<>();
        if (event != null && event.get("execution_id") instanceof String executionId) {
            ids.put(Observability.EXECUTION_ID, executionId);
        }
        if (event != null && event.get("contract_id") instanceof String contractId) {
            ids.put(Observability.CONTRACT_ID, contractId);
        }
        return ids;
    }

    static Map<String, Object> output(ActivationResult result) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("service_status", "active");
        output.put("vehicles_activated", result.vehiclesActivated());
        output.put("vehicles_registered", result.vehiclesRegistered());
        return output;
    }
}
