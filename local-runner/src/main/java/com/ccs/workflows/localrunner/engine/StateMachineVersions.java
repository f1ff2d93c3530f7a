package com.ccs.workflows.localrunner.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The versions and aliases of an engine's state machines, with AWS's rules: version numbers count up per
 * machine and are never reused, publishing an already published revision answers its version, an alias routes
 * to one or two distinct versions of one machine with weights summing to 100, and a version an alias routes to
 * cannot be deleted. Guarded by its own lock: these calls are rare and never on an execution's path.
 */
final class StateMachineVersions {
    /** AWS's quotas per state machine. */
    static final int MAX_VERSIONS = 1000;

    static final int MAX_ALIASES = 100;

    private final Map<String, Published> byMachine = new HashMap<>();
    private final Map<String, StateMachineAlias> aliases = new HashMap<>();

    /** A machine's versions by number, and the last number given. */
    private static final class Published {
        final TreeMap<Integer, StateMachineVersion> versions = new TreeMap<>();
        int lastNumber;
    }

    /**
     * Publishes the machine's current revision, or answers the version already published from it.
     *
     * @param expectedRevision null, or the revision the caller saw ({@code INITIAL} for a never updated machine):
     *     ConflictException when the machine has changed since
     */
    synchronized StateMachineVersion publish(
            StateMachine machine, String expectedRevision, String description, Instant now) {
        if (expectedRevision != null
                && !expectedRevision.equals(machine.revisionId() == null ? "INITIAL" : machine.revisionId())) {
            throw new EngineException(
                    "ConflictException",
                    "Failed to publish the State Machine version for revision "
                            + expectedRevision + ". The current State Machine revision is "
                            + (machine.revisionId() == null ? "INITIAL" : machine.revisionId()) + ".");
        }
        Published published = byMachine.computeIfAbsent(machine.arn(), k -> new Published());
        for (StateMachineVersion v : published.versions.values()) {
            if (Objects.equals(v.revisionId(), machine.revisionId())) {
                return v;
            }
        }
        if (published.versions.size() >= MAX_VERSIONS) {
            throw new EngineException(
                    "ServiceQuotaExceededException",
                    "Maximum number of versions (" + MAX_VERSIONS + ") reached for state machine: '" + machine.arn()
                            + "'");
        }
        int number = ++published.lastNumber;
        StateMachineVersion version = new StateMachineVersion(
                machine.arn() + ":" + number, number, description, machine, machine.revisionId(), now);
        published.versions.put(number, version);
        return version;
    }

    /** The version an ARN names, or StateMachineDoesNotExist. */
    synchronized StateMachineVersion version(String versionArn) {
        int colon = versionArn.lastIndexOf(':');
        Published published = byMachine.get(versionArn.substring(0, colon));
        StateMachineVersion version = null;
        if (published != null && isNumber(versionArn.substring(colon + 1))) {
            version = published.versions.get(Integer.parseInt(versionArn.substring(colon + 1)));
        }
        if (version == null) {
            throw new EngineException("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + versionArn + "'");
        }
        return version;
    }

    /** Newest first. */
    synchronized List<StateMachineVersion> versions(String machineArn) {
        Published published = byMachine.get(machineArn);
        return published == null
                ? List.of()
                : List.copyOf(published.versions.descendingMap().values());
    }

    /** Deletes a version no alias routes to; deleting one that does not exist does nothing, as on AWS. */
    synchronized void deleteVersion(String versionArn) {
        Set<String> routing = new LinkedHashSet<>();
        for (StateMachineAlias alias : aliases.values()) {
            if (alias.routes().stream().anyMatch(r -> r.versionArn().equals(versionArn))) {
                routing.add(alias.arn());
            }
        }
        if (!routing.isEmpty()) {
            throw new EngineException(
                    "ConflictException",
                    "Version to be deleted must not be referenced by an alias."
                            + " Current list of aliases referencing this version: " + routing);
        }
        int colon = versionArn.lastIndexOf(':');
        Published published = byMachine.get(versionArn.substring(0, colon));
        if (published != null && isNumber(versionArn.substring(colon + 1))) {
            published.versions.remove(Integer.parseInt(versionArn.substring(colon + 1)));
        }
    }

    /**
     * Creates an alias of the machine its versions belong to; the same request again answers the alias, a
     * different one under a used name is ConflictException.
     */
    synchronized StateMachineAlias createAlias(
            String name, String description, List<StateMachineAlias.Route> routes, Instant now) {
        String machineArn = checkRoutes(routes);
        String arn = machineArn + ":" + name;
        StateMachineAlias existing = aliases.get(arn);
        if (existing != null) {
            if (Objects.equals(existing.description(), description)
                    && existing.routes().equals(routes)) {
                return existing;
            }
            throw new EngineException(
                    "ConflictException",
                    "Alias with the same name already exists with a different" + " configuration: '" + arn + "'");
        }
        if (aliases(machineArn).size() >= MAX_ALIASES) {
            throw new EngineException(
                    "ServiceQuotaExceededException",
                    "Maximum number of aliases (" + MAX_ALIASES + ") reached for state machine: '" + machineArn + "'");
        }
        StateMachineAlias alias = new StateMachineAlias(arn, machineArn, name, description, routes, now, now);
        aliases.put(arn, alias);
        return alias;
    }

    /** The alias an ARN names, or ResourceNotFound. */
    synchronized StateMachineAlias alias(String aliasArn) {
        StateMachineAlias alias = aliases.get(aliasArn);
        if (alias == null) {
            throw new EngineException("ResourceNotFound", "Resource not found: '" + aliasArn + "'");
        }
        return alias;
    }

    /** Changes an alias's description and/or routing (null keeps it). */
    synchronized StateMachineAlias updateAlias(
            String aliasArn, String description, List<StateMachineAlias.Route> routes, Instant now) {
        StateMachineAlias current = alias(aliasArn);
        if (routes != null && !checkRoutes(routes).equals(current.machineArn())) {
            throw new EngineException(
                    "ValidationException",
                    "The routing configuration's versions must belong to the" + " alias's state machine: '"
                            + current.machineArn() + "'");
        }
        StateMachineAlias updated = new StateMachineAlias(
                current.arn(),
                current.machineArn(),
                current.name(),
                description == null ? current.description() : description,
                routes == null ? current.routes() : routes,
                current.creationDate(),
                now);
        aliases.put(aliasArn, updated);
        return updated;
    }

    synchronized void deleteAlias(String aliasArn) {
        alias(aliasArn);
        aliases.remove(aliasArn);
    }

    /** Oldest first. */
    synchronized List<StateMachineAlias> aliases(String machineArn) {
        List<StateMachineAlias> of = new ArrayList<>();
        for (StateMachineAlias alias : aliases.values()) {
            if (alias.machineArn().equals(machineArn)) {
                of.add(alias);
            }
        }
        of.sort(Comparator.comparing(StateMachineAlias::creationDate).thenComparing(StateMachineAlias::name));
        return of;
    }

    /** The version an execution started by the alias runs: one of its routes, drawn by weight. */
    synchronized StateMachineVersion route(String aliasArn) {
        StateMachineAlias alias = alias(aliasArn);
        int draw = ThreadLocalRandom.current().nextInt(100);
        for (StateMachineAlias.Route route : alias.routes()) {
            draw -= route.weight();
            if (draw < 0) {
                return version(route.versionArn());
            }
        }
        throw new IllegalStateException("weights of " + aliasArn + " do not sum to 100");
    }

    /** Forgets a deleted machine's versions and aliases. */
    synchronized void deleteMachine(String machineArn) {
        byMachine.remove(machineArn);
        aliases.values().removeIf(a -> a.machineArn().equals(machineArn));
    }

    /** AWS's routing rules; answers the machine the versions belong to. */
    private String checkRoutes(List<StateMachineAlias.Route> routes) {
        if (routes.isEmpty() || routes.size() > 2) {
            throw new EngineException("ValidationException", "The routing configuration must name one or two versions");
        }
        String machineArn = null;
        int total = 0;
        Set<String> seen = new LinkedHashSet<>();
        for (StateMachineAlias.Route route : routes) {
            String versionArn = route.versionArn();
            int colon = versionArn.lastIndexOf(':');
            if (colon < 0 || !isNumber(versionArn.substring(colon + 1))) {
                throw new EngineException(
                        "ValidationException",
                        "Routing configuration must contain state machine" + " version ARNs, not: '" + versionArn
                                + "'");
            }
            String machine = versionArn.substring(0, colon);
            if (machineArn != null && !machineArn.equals(machine)) {
                throw new EngineException(
                        "ValidationException",
                        "Routing configuration must contain versions of the" + " same state machine: '" + machineArn
                                + "' and '" + machine + "'");
            }
            if (!seen.add(versionArn)) {
                throw new EngineException(
                        "ValidationException",
                        "Routing configuration must contain distinct versions:" + " '" + versionArn + "' is repeated");
            }
            Published published = byMachine.get(machine);
            if (published == null
                    || !published.versions.containsKey(Integer.parseInt(versionArn.substring(colon + 1)))) {
                throw new EngineException("ResourceNotFound", "Resource not found: '" + versionArn + "'");
            }
            machineArn = machine;
            total += route.weight();
        }
        if (total != 100) {
            throw new EngineException(
                    "ValidationException",
                    "Sum of routing configuration weights must be equal to" + " 100, was " + total);
        }
        return machineArn;
    }

    private static boolean isNumber(String text) {
        return !text.isEmpty() && text.length() <= 9 && text.chars().allMatch(Character::isDigit);
    }
}
