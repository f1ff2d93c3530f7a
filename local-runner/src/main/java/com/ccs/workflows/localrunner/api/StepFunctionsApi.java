package com.ccs.workflows.localrunner.api;

import com.ccs.workflows.localrunner.definition.DefinitionException;
import com.ccs.workflows.localrunner.engine.Engine;
import com.ccs.workflows.localrunner.engine.EngineException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The Step Functions operations over an {@link Engine}, independent of HTTP: an operation name and its request
 * body in, the response body out, or an {@link EngineException} carrying AWS's error code.
 */
public final class StepFunctionsApi {
    private final Map<String, Function<ApiRequest, ObjectNode>> operations;

    public StepFunctionsApi(Engine engine) {
        StateMachineOperations machines = new StateMachineOperations(engine);
        ExecutionOperations executions = new ExecutionOperations(engine);
        CallbackOperations callbacks = new CallbackOperations(engine);
        DefinitionOperations definitions = new DefinitionOperations(engine);
        VersionOperations versions = new VersionOperations(engine);
        operations = Map.ofEntries(
                Map.entry("CreateStateMachine", machines::create),
                Map.entry("DescribeStateMachine", machines::describe),
                Map.entry("ListStateMachines", machines::list),
                Map.entry("UpdateStateMachine", machines::update),
                Map.entry("DeleteStateMachine", machines::delete),
                Map.entry("DescribeStateMachineForExecution", machines::describeForExecution),
                Map.entry("PublishStateMachineVersion", versions::publish),
                Map.entry("ListStateMachineVersions", versions::listVersions),
                Map.entry("DeleteStateMachineVersion", versions::deleteVersion),
                Map.entry("CreateStateMachineAlias", versions::createAlias),
                Map.entry("DescribeStateMachineAlias", versions::describeAlias),
                Map.entry("UpdateStateMachineAlias", versions::updateAlias),
                Map.entry("DeleteStateMachineAlias", versions::deleteAlias),
                Map.entry("ListStateMachineAliases", versions::listAliases),
                Map.entry("StartExecution", executions::start),
                Map.entry("StartSyncExecution", executions::startSync),
                Map.entry("DescribeExecution", executions::describe),
                Map.entry("ListExecutions", executions::list),
                Map.entry("StopExecution", executions::stop),
                Map.entry("RedriveExecution", executions::redrive),
                Map.entry("GetExecutionHistory", executions::history),
                Map.entry("SendTaskSuccess", callbacks::success),
                Map.entry("SendTaskFailure", callbacks::failure),
                Map.entry("SendTaskHeartbeat", callbacks::heartbeat),
                Map.entry("ValidateStateMachineDefinition", definitions::validate),
                Map.entry("TestState", definitions::testState));
    }

    /** The operation names served. */
    public Set<String> operations() {
        return operations.keySet();
    }

    /**
     * Runs one operation.
     *
     * @throws EngineException with AWS's error code: the operation's own errors, ValidationException or
     *     SerializationException for a bad request, UnknownOperationException for an operation not served
     */
    public ObjectNode call(String operation, ObjectNode body) {
        Function<ApiRequest, ObjectNode> handler = operation == null ? null : operations.get(operation);
        if (handler == null) {
            throw new EngineException(
                    ApiErrors.UNKNOWN_OPERATION,
                    operation == null
                            ? "Missing the X-Amz-Target header (AWSStepFunctions.<Operation>)"
                            : "The operation '" + operation + "' is not served by the local Step Functions API");
        }
        try {
            return handler.apply(new ApiRequest(body));
        } catch (DefinitionException e) {
            throw new EngineException("InvalidDefinition", e.getMessage());
        }
    }
}
