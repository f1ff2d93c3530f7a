package com.ccs.workflows.createcontract;

import com.amazonaws.services.lambda.runtime.Context;
import com.ccs.workflows.shared.aws.AwsClients;
import com.ccs.workflows.shared.config.FunctionEnvironment;
import com.ccs.workflows.shared.event.JsonEventHandler;
import com.ccs.workflows.shared.observability.Observability;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * "Create Contract" task of the business workflow. Input
 * {@code {"execution_id", "request": {...}, "approval": {"type": "automatic"} | {"type": "manual", "approver",
 * "decided_at", "comment"}}}; output {@code {"contract_id", "approval_type", "status", "created_at"}}.
 * Environment: {@code CONTRACTS_TABLE}.
 */
public final class CreateContractHandler extends JsonEventHandler {
    static final String CONTRACTS_TABLE = "CONTRACTS_TABLE";
    private static final Logger LOG = LoggerFactory.getLogger(CreateContractHandler.class);

    private final ContractService service;

    /** Used by Lambda: one DynamoDB client per container, table from the environment. */
    public CreateContractHandler() {
        this(fromEnvironment(FunctionEnvironment.variables()));
        ContractPriming.register();
    }

    public CreateContractHandler(ContractService service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    static ContractService fromEnvironment(Map<String, String> env) {
        String table = env.get(CONTRACTS_TABLE);
        if (table == null || table.isBlank()) {
            throw new IllegalStateException(
                    CONTRACTS_TABLE + " is not set: it must name the contracts table (e.g. ccs-dev-contracts)");
        }
        return new ContractService(
                new DynamoDbContractStore(AwsClients.build(DynamoDbClient.builder(), env), table.strip()),
                Clock.systemUTC());
    }

    @Override
    public Map<String, Object> handle(Map<String, Object> event, Context context) {
        Object executionId = event == null ? null : event.get("execution_id");
        Map<String, String> ids =
                Collections.singletonMap(Observability.EXECUTION_ID, executionId instanceof String s ? s : null);
        return Observability.handle(context, "CreateContract", ids, () -> {
            ContractCreation result = service.create(CreateContractEvent.parse(event));
            Contract contract = result.contract();
            Observability.correlate(Observability.CONTRACT_ID, contract.contractId());
            if (result.created()) {
                Observability.count("ContractCreated");
                LOG.info("Contract created");
            } else {
                LOG.info("Contract already recorded for this execution, returning it");
            }
            return output(contract);
        });
    }

    static Map<String, Object> output(Contract contract) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("contract_id", contract.contractId());
        output.put("approval_type", contract.request().approval().type());
        output.put("status", contract.status());
        output.put("created_at", contract.createdAt().toString());
        return output;
    }
}
