package com.ccs.workflows.localrunner.engine;

import com.ccs.workflows.localrunner.definition.DefinitionException;
import com.ccs.workflows.localrunner.definition.DefinitionParser;
import com.ccs.workflows.localrunner.history.HistoryEvent;
import com.ccs.workflows.localrunner.history.HistoryMemory;
import com.ccs.workflows.localrunner.history.PooledJson;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.states.StateUnderTest;
import com.ccs.workflows.localrunner.tasks.TaskTokenException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Step Functions service in one object: state machines, executions (started, stopped, redriven), their
 * histories and task-token callbacks. The HTTP API and the CLI are thin layers over these methods. Executions
 * run on virtual threads. The state machines, versions and aliases are kept in {@link StateMachineRegistry}, the
 * executions in {@link ExecutionRegistry}; {@link RequestLimits} and {@link RedriveRules} hold AWS's limits.
 */
public final class Engine implements AutoCloseable {
    private final EngineConfig config;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final StateMachineRegistry machines;
    private final ExecutionRegistry executions;
    private final ChildExecutions children = new ChildExecutions(this);
    private final HistoryMemory memory;

    public Engine(EngineConfig config) {
        this.config = config;
        this.machines = new StateMachineRegistry(config);
        this.memory = config.historyMemory();
        this.executions = new ExecutionRegistry(memory);
        memory.reclaimer(executions::forgetFinished);
    }

    public EngineConfig config() {
        return config;
    }

    // ---- state machines

    /** Validates without creating: the problems AWS would report, empty when valid. */
    public static List<String> validateDefinition(String definition) {
        try {
            DefinitionParser.parse(definition);
            return List.of();
        } catch (DefinitionException e) {
            return e.problems();
        }
    }

    public StateMachine createStateMachine(String name, String definition, StateMachineType type, String roleArn) {
        return machines.create(name, definition, type, roleArn);
    }

    public StateMachine updateStateMachine(String arn, String definition, String roleArn) {
        return machines.update(arn, definition, roleArn);
    }

    /**
     * An unqualified state machine ARN's machine. A qualified one ({@code <machine ARN>:<version or alias>}) is
     * StateMachineDoesNotExist here: see {@link #describeStateMachineVersion} and {@link #describeAlias}.
     */
    public StateMachine describeStateMachine(String arn) {
        return machines.describe(arn);
    }

    public List<StateMachine> listStateMachines() {
        return machines.list();
    }

    public void deleteStateMachine(String arn) {
        machines.delete(arn);
    }

    // ---- versions and aliases

    /**
     * PublishStateMachineVersion: a version of the machine's current revision (the one already published from it,
     * if any); {@code revisionId} (null for any) must be the current revision, {@code INITIAL} before any update.
     */
    public StateMachineVersion publishStateMachineVersion(String machineArn, String revisionId, String description) {
        return machines.publishVersion(machineArn, revisionId, description);
    }

    public StateMachineVersion describeStateMachineVersion(String versionArn) {
        return machines.describeVersion(versionArn);
    }

    /** A machine's versions, newest first. */
    public List<StateMachineVersion> listStateMachineVersions(String machineArn) {
        return machines.listVersions(machineArn);
    }

    /** Deletes a version no alias routes to (ConflictException otherwise); an unknown version is no error. */
    public void deleteStateMachineVersion(String versionArn) {
        machines.deleteVersion(versionArn);
    }

    /** An alias of the machine whose versions {@code routes} names, with their weights (AWS's rules). */
    public StateMachineAlias createAlias(String name, String description, List<StateMachineAlias.Route> routes) {
        return machines.createAlias(name, description, routes);
    }

    public StateMachineAlias describeAlias(String aliasArn) {
        return machines.describeAlias(aliasArn);
    }

    /** Changes an alias's description or routing; null keeps what it has. */
    public StateMachineAlias updateAlias(String aliasArn, String description, List<StateMachineAlias.Route> routes) {
        return machines.updateAlias(aliasArn, description, routes);
    }

    public void deleteAlias(String aliasArn) {
        machines.deleteAlias(aliasArn);
    }

    /** A machine's aliases, oldest first. */
    public List<StateMachineAlias> listAliases(String machineArn) {
        return machines.listAliases(machineArn);
    }

    // ---- executions

    /**
     * Starts an execution. {@code stateMachineArn} may end in {@code #TestCase} to answer Tasks from the mock
     * configuration; {@code name} null gives a UUID. Restarting a running execution with the same name and input
     * returns it (AWS's idempotency); anything else with a used name is ExecutionAlreadyExists.
     */
    public Execution startExecution(String stateMachineArn, String name, String input) {
        return startExecution(stateMachineArn, name, input, Map.of(), null);
    }

    /**
     * Starts an execution whose first state already sees {@code variables}, its data flow collected in
     * {@code underTest} when given (TestState).
     */
    Execution startExecution(
            String stateMachineArn,
            String name,
            String input,
            Map<String, JsonNode> variables,
            StateUnderTest underTest) {
        String testCase = null;
        String machineArn = stateMachineArn;
        int hash = stateMachineArn.indexOf('#');
        if (hash >= 0) {
            testCase = stateMachineArn.substring(hash + 1);
            machineArn = stateMachineArn.substring(0, hash);
        }
        StateMachineRegistry.Started started = machines.resolve(machineArn);
        StateMachine machine = started.machine();
        String executionName = name == null ? UUID.randomUUID().toString() : name;
        RequestLimits.checkName(executionName);
        RequestLimits.checkInputSize(input);
        JsonNode parsedInput;
        try {
            parsedInput = PooledJson.parse(input == null ? "{}" : input);
        } catch (IllegalArgumentException e) {
            throw new EngineException(
                    "InvalidExecutionInput", "Invalid State Machine Execution Input: '" + e.getMessage() + "'");
        }
        String kind = machine.type() == StateMachineType.EXPRESS ? "express" : "execution";
        String arn = "arn:aws:states:" + config.region() + ":" + config.accountId() + ":" + kind + ":" + machine.name()
                + ":" + executionName;
        if (machine.type() == StateMachineType.EXPRESS) {
            arn += ":" + UUID.randomUUID(); // express execution ARNs carry a run id after the name
        }
        ExecutionRunner runner = new ExecutionRunner(
                config,
                machine,
                arn,
                executionName,
                parsedInput,
                testCase,
                executor,
                children,
                variables,
                underTest,
                memory);
        runner.execution().startedBy(started.versionArn(), started.aliasArn());
        runner.recordStart();
        Execution existing = executions.putIfAbsent(runner.execution());
        if (existing != null) {
            if (existing.status() == ExecutionStatus.RUNNING && existing.input().equals(parsedInput)) {
                return existing;
            }
            throw new EngineException("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
        }
        config.clock().enter(); // counted from now, before its thread starts; the runner exits it
        executor.execute(runner);
        return runner.execution();
    }

    /** StartSyncExecution: starts and waits for the end. */
    public Execution startSyncExecution(String stateMachineArn, String name, String input, Duration timeout) {
        Execution execution = startExecution(stateMachineArn, name, input);
        return await(execution.arn(), timeout);
    }

    public Execution describeExecution(String arn) {
        return executions.describe(arn);
    }

    /** Executions of a machine, newest first; {@code status} null for all. */
    public List<Execution> listExecutions(String stateMachineArn, ExecutionStatus status) {
        return listExecutions(stateMachineArn, status, null);
    }

    /**
     * Executions of a machine, newest first; {@code status} null for all, {@code redriven} true for those redriven
     * at least once, false for the others, null for all.
     */
    public List<Execution> listExecutions(String stateMachineArn, ExecutionStatus status, Boolean redriven) {
        String[] parts = stateMachineArn.split(":", -1);
        String qualified = parts.length == 8 ? machines.inThisAccount(stateMachineArn) : null;
        if (qualified != null) {
            boolean isVersion = parts[7].chars().allMatch(Character::isDigit);
            if (isVersion) {
                describeStateMachineVersion(stateMachineArn);
            } else {
                describeAlias(stateMachineArn);
            }
        }
        String machineArn = qualified == null
                ? describeStateMachine(stateMachineArn).arn()
                : qualified.substring(0, qualified.lastIndexOf(':'));
        return executions.list(machineArn, qualified, status, redriven);
    }

    /** RedriveExecution without a client token. */
    public Execution redriveExecution(String arn) {
        return redriveExecution(arn, null);
    }

    /**
     * RedriveExecution: runs a FAILED, ABORTED or TIMED_OUT STANDARD execution again under the same ARN, from the
     * state it did not get past, entered again with the input it had: the states that succeeded before it are not
     * run again, their history is kept, ExecutionRedriven and the new events follow it. A Parallel or Map state
     * runs again only its branches or iterations that did not succeed. {@code clientToken} (null for none) makes a
     * repeated request (one of the last 10 within 15 minutes) answer without redriving again.
     *
     * @throws EngineException ExecutionDoesNotExist, or ExecutionNotRedrivable with AWS's reason (see
     *     {@link #redriveStatus})
     */
    public Execution redriveExecution(String arn, String clientToken) {
        Execution execution = describeExecution(arn);
        RedriveRules.awaitAttemptEnd(execution);
        ExecutionRunner next =
                execution.redrive(this::redriveStatus, config.clock().now(), clientToken);
        if (next != null) {
            config.clock().enter(); // counted from now, before its thread starts; the runner exits it
            executor.execute(next);
        }
        return execution;
    }

    /**
     * Whether {@link #redriveExecution} would accept the execution now (by the engine's clock), and when not, why,
     * in AWS's words: it must be a STANDARD execution that ended unsuccessfully less than 14 days ago, within a
     * year of its start, with room in its history and fewer than 1000 redrives, its state machine not deleted.
     */
    public RedriveStatus redriveStatus(Execution execution) {
        return RedriveRules.status(execution, config.clock().now(), machines.exists(execution.stateMachineArn()));
    }

    /** Removes an execution and gives its history's memory back; returns what it held. */
    long forget(Execution execution) {
        return executions.forget(execution);
    }

    /** What the histories of this engine's executions retain, and their bounds. */
    public HistoryMemory historyMemory() {
        return memory;
    }

    public List<HistoryEvent> getExecutionHistory(String arn) {
        return describeExecution(arn).history();
    }

    /** Waits until the execution ends (or the timeout passes) and returns it. */
    public Execution await(String arn, Duration timeout) {
        Execution execution = describeExecution(arn);
        try {
            return execution.completion().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return execution;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return execution;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * TestState: runs one state definition (JSON of a single state) on {@code input} and reports its output, error
     * and the next state. Tasks are called through the configured invoker, once (no retries).
     */
    public TestStateResult testState(String stateDefinition, String input, String roleArn) {
        return testState(TestStateRequest.of(stateDefinition, input, roleArn));
    }

    /**
     * TestState as AWS documents it: a state alone or named in a whole machine, with variables, a mock (result or
     * error) answering in place of its work, its situation (retries so far, failed Map iterations, items read),
     * the context object and an inspection level. See {@link StateTester}.
     *
     * @throws EngineException InvalidDefinition, or ValidationException naming what the request may not combine
     */
    public TestStateResult testState(TestStateRequest request) {
        return StateTester.test(this, request);
    }

    /** StopExecution: ends a running execution as ABORTED. */
    public Execution stopExecution(String arn, String error, String cause) {
        Execution execution = describeExecution(arn);
        ExecutionRunner.abort(execution, error, cause, config.clock());
        return execution;
    }

    // ---- callbacks

    public void sendTaskSuccess(String taskToken, String output) {
        JsonNode parsed;
        try {
            parsed = Json.parse(output);
        } catch (IllegalArgumentException e) {
            throw new EngineException("InvalidOutput", "Invalid Output: '" + e.getMessage() + "'");
        }
        callback(() -> config.callbacks().succeed(taskToken, parsed));
    }

    public void sendTaskFailure(String taskToken, String error, String cause) {
        callback(() -> config.callbacks().fail(taskToken, error, cause));
    }

    public void sendTaskHeartbeat(String taskToken) {
        callback(() -> config.callbacks().heartbeat(taskToken));
    }

    private static void callback(Runnable action) {
        try {
            action.run();
        } catch (TaskTokenException e) {
            throw new EngineException(e.code(), e.getMessage());
        }
    }

    /** Stops every running execution and the executor. */
    @Override
    public void close() {
        executions.forEach(e -> ExecutionRunner.abort(e, null, null, config.clock()));
        executor.shutdown();
    }
}
