package com.ccs.workflows.localrunner.cli;

import com.ccs.workflows.localrunner.deployment.SideEffects;
import com.ccs.workflows.localrunner.deployment.WorkflowRun;
import com.ccs.workflows.localrunner.engine.Execution;
import com.ccs.workflows.localrunner.engine.ExecutionStatus;
import com.ccs.workflows.localrunner.history.HistoryEvent;
import com.ccs.workflows.localrunner.integrations.ProjectTaskInvoker;
import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints a run: status, per-state timeline with durations, output or error, side effects, functions. */
final class Report {
    /** One state of the timeline: when it was entered (from the start) and how long it took (null: no exit). */
    record Step(String name, String type, Duration offset, Duration duration) {}

    private Report() {}

    static List<Step> timeline(List<HistoryEvent> history) {
        List<Step> steps = new ArrayList<>();
        Map<String, Integer> open = new HashMap<>();
        Instant start = history.isEmpty() ? Instant.EPOCH : history.get(0).timestamp();
        for (HistoryEvent event : history) {
            String type = event.type();
            if (type.endsWith("StateEntered")) {
                String name = event.details().path("name").asText();
                open.put(name, steps.size());
                steps.add(new Step(
                        name,
                        type.substring(0, type.length() - "StateEntered".length()),
                        Duration.between(start, event.timestamp()),
                        null));
            } else if (type.endsWith("StateExited")) {
                Integer index = open.remove(event.details().path("name").asText());
                if (index != null) {
                    Step step = steps.get(index);
                    steps.set(
                            index,
                            new Step(
                                    step.name(),
                                    step.type(),
                                    step.offset(),
                                    Duration.between(start.plus(step.offset()), event.timestamp())));
                }
            }
        }
        return steps;
    }

    static void print(PrintStream out, WorkflowRun.Result result) {
        Execution execution = result.execution();
        out.println("Workflow   " + result.stateMachine().name() + " ("
                + result.stateMachine().type() + ")");
        out.println("Execution  " + execution.arn());
        Duration elapsed =
                execution.stopDate() == null ? null : Duration.between(execution.startDate(), execution.stopDate());
        out.println("Status     " + execution.status() + (elapsed == null ? "" : "   in " + human(elapsed))
                + "   (wall " + human(result.wallTime()) + ")");
        out.println();
        out.println("Timeline");
        int width = 8;
        for (Step step : timeline(result.history())) {
            width = Math.max(width, step.name().length());
        }
        for (Step step : timeline(result.history())) {
            out.printf(
                    Locale.ROOT,
                    "  +%9s  %-" + width + "s  %-8s %s%n",
                    human(step.offset()),
                    step.name(),
                    step.type(),
                    step.duration() == null ? "" : human(step.duration()));
        }
        out.println();
        if (execution.status() == ExecutionStatus.SUCCEEDED) {
            out.println("Output");
            out.println(indent(pretty(execution.output())));
        } else {
            out.println("Error      " + execution.error());
            out.println("Cause      " + execution.cause());
        }
        if (result.note() != null) {
            out.println();
            out.println(result.note());
        }
        if (result.sideEffects() != null) { // null outside a deployment: nothing to diff
            out.println();
            printSideEffects(out, result.sideEffects());
        }
        if (!result.approvals().isEmpty()) {
            out.println();
            out.println("Approvals");
            for (WorkflowRun.ApprovalAction action : result.approvals()) {
                out.println("  " + action.decision().name().toLowerCase(Locale.ROOT)
                        + (action.link() == null
                                ? ""
                                : "  POST " + shorten(action.link(), 90) + "  -> HTTP " + action.httpStatus()));
            }
        }
        if (!result.functionCalls().isEmpty()) {
            out.println();
            out.println("Functions");
            for (ProjectTaskInvoker.FunctionCall call : result.functionCalls()) {
                var invocation = call.invocation();
                out.printf(
                        Locale.ROOT,
                        "  %-28s %-26s %s %s%s%n",
                        call.stateName(),
                        call.function(),
                        invocation.coldStart() ? "cold start " + human(invocation.initDuration()) + ", then" : "warm",
                        human(invocation.duration()),
                        invocation.failed() ? "  " + invocation.errorType() : "");
            }
        }
    }

    private static void printSideEffects(PrintStream out, SideEffects effects) {
        out.println("Side effects");
        boolean any = false;
        for (SideEffects.ItemWrite write : effects.items()) {
            any = true;
            out.println("  DynamoDB  " + write.table() + "  " + Json.write(write.key()) + "  "
                    + (write.before() == null ? "put" : "updated"));
            out.println("            " + shorten(Json.write(write.after()), 400));
        }
        for (SideEffects.Message message : effects.messages()) {
            any = true;
            out.println("  SNS       " + message.destination());
            if (message.subject() != null) {
                out.println("            Subject: " + message.subject());
            }
            out.println("            " + shorten(message.body().replace("\n", " | "), 400));
        }
        for (SideEffects.Message command : effects.iotCommands()) {
            any = true;
            out.println("  IoT       " + command.destination());
            out.println("            " + shorten(command.body(), 400));
        }
        for (SideEffects.Message schedule : effects.schedules()) {
            any = true;
            out.println("  Schedule  " + schedule.destination());
        }
        for (var charge : effects.charges()) {
            any = true;
            out.println("  Stripe    " + charge.paymentIntentId() + "  " + charge.amount() + " " + charge.currency()
                    + "  " + charge.paymentMethod() + "  " + charge.status());
        }
        for (var refund : effects.refunds()) {
            any = true;
            out.println("  Stripe    " + refund.id() + "  refund of " + refund.paymentIntentId() + "  "
                    + refund.amount() + " " + refund.currency());
        }
        if (!any) {
            out.println("  (none)");
        }
        if (!effects.embedded()) {
            out.println("  (IoT commands and schedules are only shown with the embedded backends)");
        }
    }

    static String human(Duration d) {
        long micros = d.toNanos() / 1000;
        if (micros < 1000) {
            return String.format(Locale.ROOT, "%.2f ms", micros / 1000.0);
        }
        if (micros < 10_000_000) {
            return String.format(Locale.ROOT, "%d ms", micros / 1000);
        }
        long seconds = d.toSeconds();
        return seconds < 3600
                ? String.format(Locale.ROOT, "%.1f s", micros / 1e6)
                : String.format(Locale.ROOT, "%dh%02dm%02ds", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    static String pretty(JsonNode node) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return Json.write(node);
        }
    }

    private static String indent(String text) {
        return "  " + text.replace("\n", "\n  ");
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
