package com.ccs.workflows.localrunner.engine;

import com.ccs.workflows.localrunner.definition.DefinitionException;
import com.ccs.workflows.localrunner.definition.DefinitionParser;
import com.ccs.workflows.localrunner.definition.StateMachineDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's state machines with their versions and aliases, by ARN, and what a (qualified) ARN given to
 * StartExecution runs. The public documentation of each operation is on {@link Engine}.
 */
final class StateMachineRegistry {
    private final EngineConfig config;
    private final Map<String, StateMachine> machines = new ConcurrentHashMap<>();
    private final StateMachineVersions versions = new StateMachineVersions();

    StateMachineRegistry(EngineConfig config) {
        this.config = config;
    }

    StateMachine create(String name, String definition, StateMachineType type, String roleArn) {
        RequestLimits.checkName(name);
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

    StateMachine update(String arn, String definition, String roleArn) {
        StateMachine current = describe(arn);
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

    StateMachine describe(String arn) {
        StateMachine machine = machines.get(arn);
        if (machine == null) {
            machine = machines.get(inThisAccount(arn));
        }
        if (machine == null) {
            throw new EngineException("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
        }
        return machine;
    }

    /** Whether the machine of this unqualified ARN, as the engine stores it, still exists. */
    boolean exists(String arn) {
        return machines.containsKey(arn);
    }

    List<StateMachine> list() {
        List<StateMachine> all = new ArrayList<>(machines.values());
        all.sort(Comparator.comparing(StateMachine::creationDate).thenComparing(StateMachine::name));
        return all;
    }

    void delete(String arn) {
        machines.remove(arn);
        versions.deleteMachine(arn);
    }

    /**
     * The engine is one account: a state machine ARN naming another account (the module description's commands use
     * {@code arn:aws:states:us-east-1:123456789:stateMachine:ccs-prod-...}) is read as this account's machine of the
     * same region and name, so such commands work verbatim against a local endpoint.
     */
    String inThisAccount(String arn) {
        String[] parts = arn.split(":", 7);
        if (parts.length == 7
                && parts[0].equals("arn")
                && parts[2].equals("states")
                && parts[5].equals("stateMachine")) {
            return String.join(":", parts[0], parts[1], parts[2], parts[3], config.accountId(), parts[5], parts[6]);
        }
        return arn;
    }

    // ---- versions and aliases

    StateMachineVersion publishVersion(String machineArn, String revisionId, String description) {
        return versions.publish(
                describe(machineArn), revisionId, description, config.clock().now());
    }

    StateMachineVersion describeVersion(String versionArn) {
        return versions.version(inThisAccount(versionArn));
    }

    List<StateMachineVersion> listVersions(String machineArn) {
        return versions.versions(describe(machineArn).arn());
    }

    void deleteVersion(String versionArn) {
        versions.deleteVersion(inThisAccount(versionArn));
    }

    StateMachineAlias createAlias(String name, String description, List<StateMachineAlias.Route> routes) {
        return versions.createAlias(
                name,
                description,
                routes.stream()
                        .map(r -> new StateMachineAlias.Route(inThisAccount(r.versionArn()), r.weight()))
                        .toList(),
                config.clock().now());
    }

    StateMachineAlias describeAlias(String aliasArn) {
        return versions.alias(inThisAccount(aliasArn));
    }

    StateMachineAlias updateAlias(String aliasArn, String description, List<StateMachineAlias.Route> routes) {
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

    void deleteAlias(String aliasArn) {
        versions.deleteAlias(inThisAccount(aliasArn));
    }

    List<StateMachineAlias> listAliases(String machineArn) {
        return versions.aliases(describe(machineArn).arn());
    }

    /** What an execution started by {@code arn} runs: the machine, or a version of it (through an alias). */
    record Started(StateMachine machine, String versionArn, String aliasArn) {}

    Started resolve(String arn) {
        String[] parts = arn.split(":", -1);
        if (parts.length != 8) {
            return new Started(describe(arn), null, null);
        }
        String qualifier = parts[7];
        if (!qualifier.isEmpty() && qualifier.chars().allMatch(Character::isDigit)) {
            StateMachineVersion version = describeVersion(arn);
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

    private static StateMachineDefinition parse(String definition) {
        try {
            return DefinitionParser.parse(definition);
        } catch (DefinitionException e) {
            throw new EngineException("InvalidDefinition", e.getMessage());
        }
    }
}
