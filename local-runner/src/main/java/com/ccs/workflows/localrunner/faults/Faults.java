package com.ccs.workflows.localrunner.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults to inject into a local deployment, to see the workflows' retries and failure paths work: AWS service
 * errors, slowness and dropped connections on the calls the state machines and the functions make (matched by
 * operation, e.g. {@code SNS.Publish} or {@code DynamoDB.PutItem}, and optionally by a text in the request body,
 * e.g. a topic name), and crashes or timeouts of the functions themselves. Each rule fires a given number of
 * times, then calls pass again: that is an outage that recovers; {@link #ALWAYS} is one that does not.
 * A deployment started with faults routes every AWS call through an HTTP hop that applies them, on the embedded
 * backends as on an emulator.
 */
public final class Faults {
    public static final int ALWAYS = Integer.MAX_VALUE;

    /** What happens to a matching call. */
    public sealed interface Fault permits ServiceError, Slow, Drop, FunctionCrash, FunctionTimeout {}

    /** The service answers with this error instead of doing the call. */
    public record ServiceError(int status, String code, String message) implements Fault {}

    /** The call is held this long, then passed on. */
    public record Slow(Duration delay) implements Fault {}

    /** The connection is closed without an answer (the caller sees a network error). */
    public record Drop() implements Fault {}

    /** The function's runtime exits before the handler answers (Lambda reports Runtime.ExitError). */
    public record FunctionCrash() implements Fault {}

    /**
     * The function runs, but its answer is lost to a timeout (Lambda reports Sandbox.Timedout): whatever the
     * handler wrote stays written, which is what makes a retry of it a test of idempotency.
     */
    public record FunctionTimeout() implements Fault {}

    /** One rule and how often it has fired. */
    public static final class Rule {
        private final String target;
        private final List<String> bodyContains;
        private final Fault fault;
        private final AtomicInteger remaining;
        private final AtomicInteger fired = new AtomicInteger();

        Rule(String target, List<String> bodyContains, Fault fault, int times) {
            this.target = target;
            this.bodyContains = bodyContains;
            this.fault = fault;
            this.remaining = new AtomicInteger(times);
        }

        public String target() {
            return target;
        }

        public Fault fault() {
            return fault;
        }

        public int fired() {
            return fired.get();
        }

        boolean take(String candidate, String body) {
            if (!target.equals(candidate)
                    || (!bodyContains.isEmpty()
                            && (body == null || !bodyContains.stream().allMatch(body::contains)))) {
                return false;
            }
            if (remaining.getAndUpdate(n -> n == ALWAYS ? n : Math.max(0, n - 1)) <= 0) {
                return false;
            }
            fired.incrementAndGet();
            return true;
        }
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    /**
     * Makes the next {@code times} calls of {@code operation} ({@code <Service>.<Action>}: {@code SNS.Publish},
     * {@code DynamoDB.PutItem}, {@code SQS.SendMessage}, {@code SecretsManager.GetSecretValue}, {@code IoT.Publish})
     * whose request body contains {@code bodyContains} (null: any) suffer {@code fault}.
     */
    public Rule onCall(String operation, String bodyContains, Fault fault, int times) {
        return onCallContaining(operation, bodyContains == null ? List.of() : List.of(bodyContains), fault, times);
    }

    /**
     * Like {@link #onCall(String, String, Fault, int)}, for calls whose body contains every one of the texts: one
     * write of one item, e.g. the incident id and the attribute only that write sets.
     */
    public Rule onCallContaining(String operation, List<String> bodyContainsAll, Fault fault, int times) {
        if (fault instanceof FunctionCrash || fault instanceof FunctionTimeout) {
            throw new IllegalArgumentException("function faults go to onFunction");
        }
        return add(new Rule(operation, List.copyOf(bodyContainsAll), fault, times));
    }

    /** Makes the next {@code times} invocations of the function (template logical id) suffer {@code fault}. */
    public Rule onFunction(String logicalId, Fault fault, int times) {
        return add(new Rule("function:" + logicalId, List.of(), fault, times));
    }

    private Rule add(Rule rule) {
        rules.add(rule);
        return rule;
    }

    /** Removes every rule. */
    public void clear() {
        rules.clear();
    }

    public List<Rule> rules() {
        return List.copyOf(rules);
    }

    /** How many calls of {@code operation} reached the hop so far, faulted or not. */
    public int calls(String operation) {
        AtomicInteger count = calls.get(operation);
        return count == null ? 0 : count.get();
    }

    Optional<Fault> forCall(String operation, String body) {
        calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
        return rules.stream().filter(r -> r.take(operation, body)).findFirst().map(Rule::fault);
    }

    public Optional<Fault> forFunction(String logicalId) {
        return forCall("function:" + logicalId, null);
    }

    // ---- the errors AWS answers, as the workflows see them

    /** DynamoDB throttling (HTTP 400, ProvisionedThroughputExceededException). */
    public static ServiceError dynamoDbThrottling() {
        return new ServiceError(
                400,
                "ProvisionedThroughputExceededException",
                "The level of configured provisioned"
                        + " throughput for the table was exceeded. Consider increasing your provisioning level with the"
                        + " UpdateTable API.");
    }

    /** A DynamoDB 5xx. */
    public static ServiceError dynamoDbInternalError() {
        return new ServiceError(500, "InternalServerError", "Internal server error");
    }

    /** SNS throttling (HTTP 400, Throttled). */
    public static ServiceError snsThrottled() {
        return new ServiceError(400, "Throttled", "Rate exceeded");
    }

    /** An SNS 5xx (InternalError). */
    public static ServiceError snsInternalError() {
        return new ServiceError(500, "InternalError", "Internal error");
    }

    /** A permanent SNS error: the topic's KMS key cannot be used. */
    public static ServiceError snsKmsAccessDenied() {
        return new ServiceError(
                400,
                "KMSAccessDenied",
                "The ciphertext references a key that doesn't exist or that" + " you don't have access to");
    }
}
