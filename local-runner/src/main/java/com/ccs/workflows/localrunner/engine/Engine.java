package com.ccs.workflows.localrunner.engine;

import com.ccs.workflows.localrunner.definition.DefinitionException;
import com.ccs.workflows.localrunner.definition.DefinitionParser;
import com.ccs.workflows.localrunner.definition.StateMachineDefinition;
import com.ccs.workflows.localrunner.history.HistoryEvent;
import com.ccs.workflows.localrunner.history.HistoryMemory;
import com.ccs.workflows.localrunner.history.PooledJson;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.states.Interpreter;
import com.ccs.workflows.localrunner.states.StateUnderTest;
import com.ccs.workflows.localrunner.tasks.TaskTokenException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The Step Functions service in one object: state machines, executions (started, stopped, redriven), their
 * histories and task-token callbacks. The HTTP API and the CLI are thin layers over these methods. Executions
 * run on virtual threads.
 */
public final class Engine implements AutoCloseable {
    private static final int MAX_NAME_CHARS = 80;
    private static final Pattern NAME = Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\p{Cntrl}]{1,80}");
    /** AWS's redrive limits: 14 days after the end, 1000 redrives, room for ExecutionRedriven and one more event. */
    private static final Duration REDRIVABLE_PERIOD = Duration.ofDays(14);

    private static final int MAX_REDRIVES = 1000;
    private static final int MAX_EVENTS_TO_REDRIVE = 24_999;
    private static final Duration ATTEMPT_UNWIND = Duration.ofSeconds(30);

    private final EngineConfig config;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, StateMachine> machines = new ConcurrentHashMap<>();
    private final Map<String, Execution> executions = new ConcurrentHashMap<>();
    private final ChildExecutions children = new ChildExecutions(this);
    private final HistoryMemory memory;
    private final StateMachineVersions versions = new StateMachineVersions();

    public Engine(EngineConfig config) {
        this.config = config;
        this.memory = config.historyMemory();
        memory.reclaimer(this::forgetFinished);
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
        checkName(name);
        StateMachineDefinition parsed = parse(definition);
        if (type == StateMachineType.EXPRESS) {
            List<String> unsupported = ExpressRules.unsupportedIntegrations(parsed.program());
            if (!unsupported.isEmpty()) {
                throw new EngineException(
                        "InvalidDefinition",
                        "Invalid State Machine Definition: '" + String.join("', '", unsupported) + "'");
            }
        }
        String arn = "arn:aws:states:" + config.region() + ":" + config.accountId() + ":stateMachine:" + name;
        StateMachine machine = new StateMachine(
                arn,
                name,
                type == null ? StateMachineType.STANDARD : type,
                roleArn,
                definition,
                parsed,
                config.clock().now(),
                null);
        StateMachine existing = machines.putIfAbsent(arn, machine);
        if (existing != null) {
            if (existing.definitionText().equals(definition) && existing.type() == machine.type()) {
                return existing; // AWS treats an identical create as idempotent
            }
            throw new EngineException("StateMachineAlreadyExists", "State Machine Already Exists: '" + arn + "'");
        }
        return machine;
    }

    public StateMachine updateStateMachine(String arn, String definition, String roleArn) {
        StateMachine current = describeStateMachine(arn);
        StateMachineDefinition parsed = definition == null ? current.definition() : parse(definition);
        String newRole = roleArn == null ? current.roleArn() : roleArn;
        String newDefinition = definition == null ? current.definitionText() : definition;
        // A new revision only when something a version would snapshot changes.
        boolean changed = !newRole.equals(current.roleArn()) || !newDefinition.equals(current.definitionText());
        StateMachine updated = new StateMachine(
                current.arn(),
                current.name(),
                current.type(),
                newRole,
                newDefinition,
                parsed,
                current.creationDate(),
                changed ? UUID.randomUUID().toString() : current.revisionId());
        machines.put(current.arn(), updated);
        return updated;
    }

    /**
     * An unqualified state machine ARN's machine. A qualified one ({@code <machine ARN>:<version or alias>}) is
     * StateMachineDoesNotExist here: see {@link #describeStateMachineVersion} and {@link #describeAlias}.
     */
    public StateMachine describeStateMachine(String arn) {
        StateMachine machine = machines.get(arn);
        if (machine == null) {
            machine = machines.get(inThisAccount(arn));
        }
        if (machine == null) {
            throw new EngineException("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
        }
        return machine;
    }

    /**
     * The engine is one account: a state machine ARN naming another account (the module description's commands use
     * {@code arn:aws:states:us-east-1:123456789:stateMachine:ccs-prod-...}) is read as this account's machine of the
     * same region and name, so such commands work verbatim against a local endpoint.
     */
    private String inThisAccount(String arn) {
        String[] parts = arn.split(":", 7);
        if (parts.length == 7
                && parts[0].equals("arn")
                && parts[2].equals("states")
                && parts[5].equals("stateMachine")) {
            return String.join(":", parts[0], parts[1], parts[2], parts[3], config.accountId(), parts[5], parts[6]);
        }
        return arn;
    }

    public List<StateMachine> listStateMachines() {
        List<StateMachine> all = new ArrayList<>(machines.values());
        all.sort(Comparator.comparing(StateMachine::creationDate).thenComparing(StateMachine::name));
        return all;
    }

    public void deleteStateMachine(String arn) {
        machines.remove(arn);
        versions.deleteMachine(arn);
    }

    // ---- versions and aliases

    /**
     * PublishStateMachineVersion: a version of the machine's current revision (the one already published from it,
     * if any); {@code revisionId} (null for any) must be the current revision, {@code INITIAL} before any update.
     */
    public StateMachineVersion publishStateMachineVersion(String machineArn, String revisionId, String description) {
        return versions.publish(
                describeStateMachine(machineArn),
                revisionId,
                description,
                config.clock().now());
    }

    public StateMachineVersion describeStateMachineVersion(String versionArn) {
        return versions.version(inThisAccount(versionArn));
    }

    /** A machine's versions, newest first. */
    public List<StateMachineVersion> listStateMachineVersions(String machineArn) {
        return versions.versions(describeStateMachine(machineArn).arn());
    }

    /** Deletes a version no alias routes to (ConflictException otherwise); an unknown version is no error. */
    public void deleteStateMachineVersion(String versionArn) {
        versions.deleteVersion(inThisAccount(versionArn));
    }

    /** An alias of the machine whose versions {@code routes} names, with their weights (AWS's rules). */
    public StateMachineAlias createAlias(String name, String description, List<StateMachineAlias.Route> routes) {
        return versions.createAlias(
                name,
                description,
                routes.stream()
                        .map(r -> new StateMachineAlias.Route(inThisAccount(r.versionArn()), r.weight()))
                        .toList(),
                config.clock().now());
    }

    public StateMachineAlias describeAlias(String aliasArn) {
        return versions.alias(inThisAccount(aliasArn));
    }

    /** Changes an alias's description or routing; null keeps what it has. */
    public StateMachineAlias updateAlias(String aliasArn, String description, List<StateMachineAlias.Route> routes) {
        return versions.updateAlias(
                inThisAccount(aliasArn),
                description,
                routes == null
                        ? null
                        : routes.stream()
                                .map(r -> new StateMachineAlias.Route(inThisAccount(r.versionArn()), r.weight()))
                                .toList(),
                config.clock().now());
    }

    public void deleteAlias(String aliasArn) {
        versions.deleteAlias(inThisAccount(aliasArn));
    }

    /** A machine's aliases, oldest first. */
    public List<StateMachineAlias> listAliases(String machineArn) {
        return versions.aliases(describeStateMachine(machineArn).arn());
    }

    /** What an execution started by {@code arn} runs: the machine, or a version of it (through an alias). */
    private record Started(StateMachine machine, String versionArn, String aliasArn) {}

    private Started resolve(String arn) {
        String[] parts = arn.split(":", -1);
        if (parts.length != 8) {
            return new Started(describeStateMachine(arn), null, null);
        }
        String qualifier = parts[7];
        if (!qualifier.isEmpty() && qualifier.chars().allMatch(Character::isDigit)) {
            StateMachineVersion version = describeStateMachineVersion(arn);
            return new Started(version.machine(), version.arn(), null);
        }
        String aliasArn = inThisAccount(arn);
        try {
            versions.alias(aliasArn);
        } catch (EngineException e) {
            throw new EngineException("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
        }
        StateMachineVersion version = versions.route(aliasArn);
        return new Started(version.machine(), version.arn(), aliasArn);
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
        Started started = resolve(machineArn);
        StateMachine machine = started.machine();
        String executionName = name == null ? UUID.randomUUID().toString() : name;
        checkName(executionName);
        checkInputSize(input);
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
        Execution existing = executions.putIfAbsent(arn, runner.execution());
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
        Execution execution = executions.get(arn);
        if (execution == null) {
            throw new EngineException("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
        }
        return execution;
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
        String qualified = parts.length == 8 ? inThisAccount(stateMachineArn) : null;
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
        return executions.values().stream()
                .filter(e -> e.stateMachineArn().equals(machineArn))
                .filter(e -> qualified == null || qualified.equals(e.versionArn()) || qualified.equals(e.aliasArn()))
                .filter(e -> status == null || e.status() == status)
                .filter(e -> redriven == null || (e.redriveCount() > 0) == redriven)
                .sorted(Comparator.comparing(Execution::startDate).reversed())
                .toList();
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
        awaitAttemptEnd(execution);
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
        ExecutionStatus status = execution.status();
        if (status == ExecutionStatus.RUNNING || status == ExecutionStatus.SUCCEEDED) {
            return RedriveStatus.not("Execution is " + status + " and cannot be redriven");
        }
        if (execution.type() == StateMachineType.EXPRESS) {
            return RedriveStatus.not("Execution of an EXPRESS state machine cannot be redriven");
        }
        if (!machines.containsKey(execution.stateMachineArn())) {
            return RedriveStatus.not("State machine is in DELETING status");
        }
        Instant now = config.clock().now();
        if (!now.isBefore(execution.startDate().plus(ExecutionRunner.MAX_STANDARD))) {
            return RedriveStatus.not("Execution has exceeded the max execution time");
        }
        Instant stopped = execution.stopDate();
        if (stopped != null && !now.isBefore(stopped.plus(REDRIVABLE_PERIOD))) {
            return RedriveStatus.not("Execution redrivable period exceeded");
        }
        if (execution.historyLog().size() >= MAX_EVENTS_TO_REDRIVE) {
            return RedriveStatus.not("Execution history event limit exceeded");
        }
        if (execution.redriveCount() >= MAX_REDRIVES) {
            return RedriveStatus.not("Execution has been redriven the maximum number of times (" + MAX_REDRIVES + ")");
        }
        return RedriveStatus.REDRIVABLE;
    }

    /**
     * A stopped or timed-out execution has its final event at once while its thread is still unwinding (a moment):
     * a redrive waits for it, so that nothing of the old attempt follows the new events.
     */
    private static void awaitAttemptEnd(Execution execution) {
        CompletableFuture<Execution> attempt = execution.completion();
        if (execution.status() == ExecutionStatus.RUNNING || attempt.isDone()) {
            return;
        }
        try {
            attempt.get(ATTEMPT_UNWIND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the redrive refuses it as still ending
        }
    }

    /**
     * Frees the memory bound by forgetting finished executions, those that ended first first, until {@code wanted}
     * bytes of history are freed: DescribeExecution answers ExecutionDoesNotExist for them afterwards, as AWS does
     * once an execution's retention has passed. Returns what was freed.
     */
    private synchronized long forgetFinished(long wanted) {
        List<Execution> finished = executions.values().stream()
                .filter(e ->
                        e.status() != ExecutionStatus.RUNNING && e.completion().isDone())
                .sorted(Comparator.comparingLong(Execution::endOrder))
                .toList();
        long freed = 0;
        for (Execution e : finished) {
            if (freed >= wanted) {
                break;
            }
            freed += forget(e);
        }
        return freed;
    }

    /** Removes an execution and gives its history's memory back; returns what it held. */
    long forget(Execution execution) {
        if (!executions.remove(execution.arn(), execution)) {
            return 0;
        }
        long held = execution.historyLog().retained();
        memory.release(held);
        return held;
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

    private static StateMachineDefinition parse(String definition) {
        try {
            return DefinitionParser.parse(definition);
        } catch (DefinitionException e) {
            throw new EngineException("InvalidDefinition", e.getMessage());
        }
    }

    /**
     * AWS checks a member's length before its content, and its ValidationException does not quote the value: a
     * caller never gets a 256 KiB name echoed back.
     */
    private static void checkName(String name) {
        if (name != null && name.length() > MAX_NAME_CHARS) {
            throw new EngineException(
                    "ValidationException",
                    "1 validation error detected: Value at 'name' failed to"
                            + " satisfy constraint: Member must have length less than or equal to " + MAX_NAME_CHARS);
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new EngineException("InvalidName", "Invalid Name: '" + name + "'");
        }
    }

    /** StartExecution's input is at most 256 KiB of UTF-8, as on AWS; checked before it is parsed. */
    private static void checkInputSize(String input) {
        if (input != null && Interpreter.tooLarge(input)) {
            throw new EngineException(
                    "ValidationException",
                    "1 validation error detected: Value at 'input' failed to"
                            + " satisfy constraint: Member must have length less than or equal to "
                            + Interpreter.MAX_PAYLOAD_BYTES);
        }
    }

    /** Stops every running execution and the executor. */
    @Override
    public void close() {
        executions.values().forEach(e -> ExecutionRunner.abort(e, null, null, config.clock()));
        executor.shutdown();
    }
}
