package com.ccs.workflows.localrunner.definition;

import java.util.Map;
import java.util.Set;

/** The fields each state type accepts; AWS rejects anything else (a misspelt "Resouce" fails at creation). */
final class StateFields {
    private static final Set<String> ALL = Set.of("Type", "Comment", "QueryLanguage");
    private static final Set<String> FLOW = Set.of("Next", "End", "InputPath", "OutputPath", "Assign", "Output");
    private static final Set<String> RESULT = Set.of("ResultPath", "ResultSelector", "Parameters", "Arguments");
    private static final Set<String> RECOVERY = Set.of("Retry", "Catch");

    private static final Map<String, Set<String>> SPECIFIC = Map.of(
            "Pass", Set.of("Result", "ResultPath", "Parameters"),
            "Task",
                    Set.of(
                            "Resource",
                            "TimeoutSeconds",
                            "TimeoutSecondsPath",
                            "HeartbeatSeconds",
                            "HeartbeatSecondsPath",
                            "Credentials"),
            "Choice", Set.of("Choices", "Default"),
            "Wait", Set.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath"),
            "Succeed", Set.of(),
            "Fail", Set.of("Error", "ErrorPath", "Cause", "CausePath"),
            "Parallel", Set.of("Branches"),
            "Map",
                    Set.of(
                            "ItemProcessor",
                            "Iterator",
                            "ItemsPath",
                            "Items",
                            "ItemSelector",
                            "ItemReader",
                            "ItemBatcher",
                            "ResultWriter",
                            "MaxConcurrency",
                            "MaxConcurrencyPath",
                            "ToleratedFailureCount",
                            "ToleratedFailureCountPath",
                            "ToleratedFailurePercentage",
                            "ToleratedFailurePercentagePath",
                            "Label"));

    private StateFields() {}

    static boolean allowed(String type, String field) {
        if (ALL.contains(field) || SPECIFIC.get(type).contains(field)) {
            return true;
        }
        return switch (type) {
            case "Fail" -> false;
            case "Succeed" -> field.equals("InputPath") || field.equals("OutputPath") || field.equals("Output");
            case "Choice" -> !field.equals("Next") && !field.equals("End") && FLOW.contains(field);
            case "Pass", "Wait" -> FLOW.contains(field);
            default -> FLOW.contains(field) || RESULT.contains(field) || RECOVERY.contains(field);
        };
    }
}
