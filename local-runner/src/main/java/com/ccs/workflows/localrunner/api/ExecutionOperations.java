package com.ccs.workflows.localrunner.api;

import com.ccs.workflows.localrunner.engine.Engine;
import com.ccs.workflows.localrunner.engine.EngineException;
import com.ccs.workflows.localrunner.engine.Execution;
import com.ccs.workflows.localrunner.engine.ExecutionStatus;
import com.ccs.workflows.localrunner.engine.RedriveStatus;
import com.ccs.workflows.localrunner.engine.StateMachine;
import com.ccs.workflows.localrunner.engine.StateMachineType;
import com.ccs.workflows.localrunner.history.HistoryEvent;
import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * StartExecution, StartSyncExecution, DescribeExecution, ListExecutions, StopExecution, RedriveExecution and
 * GetExecutionHistory.
 */
final class ExecutionOperations {
    static final int MAX_INPUT = 262_144;
    private static final List<String> STATUSES =
            List.of("RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE");
    private static final List<String> INCLUDED_DATA = List.of("ALL_DATA", "METADATA_ONLY");
    private static final List<String> REDRIVE_FILTERS = List.of("REDRIVEN", "NOT_REDRIVEN");
    /** ClientToken: 1-64 printable ASCII characters without spaces. */
    private static final Pattern CLIENT_TOKEN = Pattern.compile("[!-~]+");
    /** Longer than an EXPRESS execution may run (5 minutes): the engine times it out before this passes. */
    private static final Duration SYNC_WAIT = Duration.ofMinutes(6);

    private final Engine engine;

    ExecutionOperations(Engine engine) {
        this.engine = engine;
    }

    ObjectNode start(ApiRequest request) {
        Execution execution = startChecked(request);
        ObjectNode out = Json.object().put("executionArn", execution.arn());
        out.put("startDate", Shapes.timestamp(execution.startDate()));
        return out;
    }

    /** Runs an EXPRESS execution to its end and answers with its outcome, as AWS's sync endpoint does. */
    ObjectNode startSync(ApiRequest request) {
        String arn = request.requiredString("stateMachineArn", 1, 2048);
        Arns.stateMachineWithTestCase(arn);
        String included = request.optionalEnum("includedData", INCLUDED_DATA);
        String machineArn = arn.contains("#") ? arn.substring(0, arn.indexOf('#')) : arn;
        if (machineArn.split(":", -1).length == 8) { // a version or alias: its versions all have the machine's type
            machineArn = machineArn.substring(0, machineArn.lastIndexOf(':'));
        }
        StateMachine machine = engine.describeStateMachine(machineArn);
        if (machine.type() != StateMachineType.EXPRESS) {
            throw new EngineException(
                    "StateMachineTypeNotSupported", "This operation is not supported by this type of state machine");
        }
        Execution execution = engine.await(startChecked(request).arn(), SYNC_WAIT);
        if (execution.status() == ExecutionStatus.RUNNING) {
            engine.stopExecution(execution.arn(), "States.Timeout", "The execution did not end in time");
        }
        ObjectNode out = Shapes.describeExecution(execution, !"METADATA_ONLY".equals(included), null);
        // The sync answer knows no ABORTED: an execution stopped from outside is reported as failed.
        if (execution.status() == ExecutionStatus.ABORTED) {
            out.put("status", "FAILED");
        }
        long millis =
                Duration.between(execution.startDate(), execution.stopDate()).toMillis();
        out.putObject("billingDetails")
                .put("billedMemoryUsedInMB", 64)
                .put("billedDurationInMilliseconds", Math.max(100, (millis + 99) / 100 * 100));
        return out;
    }

    ObjectNode describe(ApiRequest request) {
        String arn = Arns.execution(request.requiredString("executionArn", 1, 256));
        String included = request.optionalEnum("includedData", INCLUDED_DATA);
        Execution execution = engine.describeExecution(arn);
        RedriveStatus redrive = execution.type() == StateMachineType.EXPRESS ? null : engine.redriveStatus(execution);
        return Shapes.describeExecution(execution, !"METADATA_ONLY".equals(included), redrive);
    }

    ObjectNode list(ApiRequest request) {
        String machineArn = request.optionalString("stateMachineArn", 1, 256);
        String mapRunArn = request.optionalString("mapRunArn", 1, 2000);
        String status = request.optionalEnum("statusFilter", STATUSES);
        String redriveFilter = request.optionalEnum("redriveFilter", REDRIVE_FILTERS);
        int maxResults = request.optionalInt("maxResults", 0, Pages.MAX_SIZE, 0);
        String token = request.optionalString("nextToken", 1, 3096);
        if (mapRunArn != null) {
            // Map runs belong to distributed Map states, which the engine runs inline: no map run exists here.
            throw new EngineException("ResourceNotFound", "Resource not found: '" + mapRunArn + "'");
        }
        if (machineArn == null) {
            throw new EngineException(ApiErrors.VALIDATION, "Must provide a StateMachine ARN or MapRun ARN");
        }
        Arns.stateMachine(machineArn);
        Boolean redriven = redriveFilter == null ? null : redriveFilter.equals("REDRIVEN");
        List<Execution> executions = "PENDING_REDRIVE".equals(status)
                ? List.of()
                : engine.listExecutions(machineArn, status == null ? null : ExecutionStatus.valueOf(status), redriven);
        Pages.Page<Execution> page = Pages.page(
                executions,
                e -> Pages.instantKey(e.startDate(), true) + " " + e.arn(),
                "ListExecutions " + machineArn + " " + status + " " + redriveFilter,
                token,
                maxResults);
        return page.answer("executions", Shapes::executionListItem);
    }

    ObjectNode stop(ApiRequest request) {
        String arn = Arns.execution(request.requiredString("executionArn", 1, 256));
        String error = request.optionalString("error", 0, 256);
        String cause = request.optionalString("cause", 0, 32_768);
        Execution execution = engine.stopExecution(arn, error, cause);
        ObjectNode out = Json.object();
        out.put("stopDate", Shapes.timestamp(execution.stopDate()));
        return out;
    }

    /** Answers the date of the execution's last redrive (a repeated clientToken redrives nothing). */
    ObjectNode redrive(ApiRequest request) {
        String arn = Arns.execution(request.requiredString("executionArn", 1, 256));
        String clientToken = request.optionalString("clientToken", 1, 64);
        if (clientToken != null && !CLIENT_TOKEN.matcher(clientToken).matches()) {
            throw ApiErrors.constraint(
                    clientToken,
                    "clientToken",
                    "Member must satisfy regular expression pattern: " + CLIENT_TOKEN.pattern());
        }
        Execution execution = engine.redriveExecution(arn, clientToken);
        return Json.object().put("redriveDate", Shapes.timestamp(execution.redriveDate()));
    }

    ObjectNode history(ApiRequest request) {
        String arn = Arns.execution(request.requiredString("executionArn", 1, 256));
        int maxResults = request.optionalInt("maxResults", 0, Pages.MAX_SIZE, 0);
        boolean reverse = request.optionalBoolean("reverseOrder", false);
        String token = request.optionalString("nextToken", 1, 3096);
        boolean includeData = request.optionalBoolean("includeExecutionData", true);
        List<HistoryEvent> events = engine.getExecutionHistory(arn);
        Pages.Page<HistoryEvent> page = Pages.page(
                events,
                e -> Pages.numberKey(e.id(), reverse),
                "GetExecutionHistory " + arn + " " + reverse,
                token,
                maxResults);
        return page.answer("events", e -> Shapes.historyEvent(e, includeData));
    }

    private Execution startChecked(ApiRequest request) {
        String arn = Arns.stateMachineWithTestCase(request.requiredString("stateMachineArn", 1, 2048));
        String name = request.optionalString("name", 1, 80);
        String input = request.optionalString("input", 0, MAX_INPUT);
        return engine.startExecution(arn, name, input);
    }
}
