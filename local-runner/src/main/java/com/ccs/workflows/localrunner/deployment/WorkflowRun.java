package com.ccs.workflows.localrunner.deployment;

import com.ccs.workflows.localrunner.engine.Execution;
import com.ccs.workflows.localrunner.engine.ExecutionStatus;
import com.ccs.workflows.localrunner.engine.StateMachine;
import com.ccs.workflows.localrunner.history.HistoryEvent;
import com.ccs.workflows.localrunner.integrations.ProjectTaskInvoker;
import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one execution of a deployed workflow to its end and collects what it did: the execution and its
 * history, the side effects, the functions invoked, and the approvals taken. A manager approval is answered the
 * way a manager answers it: the signed link is taken from the message published to the manager, and the
 * approval-callback function is invoked with the HTTP API event a click on that link produces.
 */
public final class WorkflowRun {
    private static final Pattern LINK = Pattern.compile("https?://\\S+/approvals/[^/\\s]+/(approve|reject)\\?\\S+");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    /**
     * How a pending approval is decided. {@code IN_BROWSER}: the manager opens a link of the message in a browser
     * (the HTTP API serves it while the run goes on) and decides on its page; the run just waits for the execution.
     */
    public enum Decision {
        APPROVE,
        REJECT,
        TIMEOUT,
        IN_BROWSER
    }

    /** Decides a manager approval from the message the manager received; null when nobody can decide. */
    @FunctionalInterface
    public interface Approver {
        Decision decide(ManagerMessage message);
    }

    public record ManagerMessage(String subject, String body, String approveLink, String rejectLink) {}

    /** A decision taken, and what the approval callback answered. */
    public record ApprovalAction(Decision decision, String link, int httpStatus, String response) {}

    public record Result(
            StateMachine stateMachine,
            Execution execution,
            List<HistoryEvent> history,
            SideEffects sideEffects,
            List<ProjectTaskInvoker.FunctionCall> functionCalls,
            List<ApprovalAction> approvals,
            Duration wallTime,
            String note) {

        public boolean succeeded() {
            return execution.status() == ExecutionStatus.SUCCEEDED;
        }

        /** The names of the states entered, in order (nested Parallel branch states included). */
        public List<String> statePath() {
            return history.stream()
                    .filter(e -> e.type().endsWith("StateEntered"))
                    .map(e -> e.details().path("name").asText())
                    .toList();
        }
    }

    private WorkflowRun() {}

    /**
     * Starts {@code workflow} on {@code input} and waits for its end (at most {@code maxWait} of real time).
     * The execution is named after the input's {@code execution_id} when it has one, as the HTTP API names it.
     */
    public static Result run(
            LocalDeployment deployment, String workflow, String input, Approver approver, Duration maxWait) {
        StateMachine machine = deployment.stateMachine(workflow);
        String name = executionName(input);
        List<ProjectTaskInvoker.FunctionCall> calls = new CopyOnWriteArrayList<>();
        deployment.invoker().onFunctionCall(calls::add);
        deployment.clock().skipCallbackWaits(false);
        BackendContents.Snapshot before = deployment.snapshot();
        long start = System.nanoTime();
        Execution execution = deployment.engine().startExecution(machine.arn(), name, input);
        List<ApprovalAction> approvals = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int messagesBefore = deployment.messages(true).size();
        long deadline = start + maxWait.toNanos();
        String note = null;
        while (!execution.completion().isDone()) {
            if (System.nanoTime() > deadline) {
                deployment
                        .engine()
                        .stopExecution(
                                execution.arn(),
                                "LocalRunner.Timeout",
                                "The execution did not end within " + maxWait.toSeconds() + " s of real time");
                break;
            }
            for (ManagerMessage message : newManagerMessages(deployment, messagesBefore, seen)) {
                Decision decision = approver.decide(message);
                if (decision == null) {
                    note = "The execution waits for a manager decision: run again with --approve, --reject or --timeout"
                            + " (or interactively in a terminal).";
                    deployment.engine().stopExecution(execution.arn(), "LocalRunner.NoDecision", note);
                } else if (decision == Decision.TIMEOUT) {
                    deployment.clock().skipCallbackWaits(true);
                    approvals.add(new ApprovalAction(decision, null, 0, "the approval window was let run out"));
                } else if (decision == Decision.IN_BROWSER) {
                    approvals.add(new ApprovalAction(decision, null, 0, "decided on the page of a link, in a browser"));
                } else {
                    approvals.add(decide(deployment, message, decision));
                }
            }
            try {
                execution.completion().get(5, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                // still running (or ended: the loop condition sees it)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Execution done = deployment.engine().await(execution.arn(), Duration.ofSeconds(5));
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        deployment.invoker().onFunctionCall(call -> {});
        return new Result(
                machine,
                done,
                done.history(),
                deployment.since(before),
                List.copyOf(calls),
                List.copyOf(approvals),
                wall,
                note);
    }

    private static String executionName(String input) {
        try {
            JsonNode id = Json.parse(input).path("execution_id");
            if (id.isTextual() && NAME.matcher(id.asText()).matches()) {
                return id.asText();
            }
        } catch (IllegalArgumentException e) {
            // not JSON: the engine reports it
        }
        return UUID.randomUUID().toString();
    }

    private static List<ManagerMessage> newManagerMessages(LocalDeployment deployment, int from, Set<String> seen) {
        List<ManagerMessage> found = new ArrayList<>();
        List<TopicMessage> messages = deployment.messages(false);
        for (int i = from; i < messages.size(); i++) {
            var message = messages.get(i);
            if (!seen.add(message.messageId())) {
                continue;
            }
            String approve = null;
            String reject = null;
            Matcher matcher = LINK.matcher(message.body());
            while (matcher.find()) {
                if (matcher.group(1).equals("approve")) {
                    approve = matcher.group();
                } else {
                    reject = matcher.group();
                }
            }
            if (approve != null && reject != null) {
                found.add(new ManagerMessage(message.subject(), message.body(), approve, reject));
            }
        }
        return found;
    }

    /** POSTs the signed link to the approval-callback function, as the confirmation page's button does. */
    static ApprovalAction decide(LocalDeployment deployment, ManagerMessage message, Decision decision) {
        String link = decision == Decision.APPROVE ? message.approveLink() : message.rejectLink();
        String comment =
                decision == Decision.APPROVE ? "Approved from the local runner" : "Rejected from the local runner";
        // The link points at the HTTP API stand-in, which hands the request to the approval-callback function.
        HttpRequest request = HttpRequest.newBuilder(URI.create(link))
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "comment=" + URLEncoder.encode(comment, StandardCharsets.UTF_8)))
                .build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new ApprovalAction(decision, link, response.statusCode(), response.body());
        } catch (IOException e) {
            return new ApprovalAction(decision, link, 0, "the approval link could not be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ApprovalAction(decision, link, 0, "interrupted");
        }
    }
}
