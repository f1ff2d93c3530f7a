package com.ccs.workflows.localrunner.errors;

/** The predefined error names, spelled as AWS raises them. */
public final class StatesErrors {
    public static final String ALL = "States.ALL";
    public static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";
    public static final String TIMEOUT = "States.Timeout";
    public static final String TASK_FAILED = "States.TaskFailed";
    public static final String PERMISSIONS = "States.Permissions";
    public static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
    public static final String PARAMETER_PATH_FAILURE = "States.ParameterPathFailure";
    public static final String BRANCH_FAILED = "States.BranchFailed";
    public static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
    public static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";
    public static final String EXCEED_TOLERATED_FAILURE_THRESHOLD = "States.ExceedToleratedFailureThreshold";
    public static final String ITEM_READER_FAILED = "States.ItemReaderFailed";
    public static final String RESULT_WRITER_FAILED = "States.ResultWriterFailed";
    public static final String RUNTIME = "States.Runtime";
    public static final String QUERY_EVALUATION_ERROR = "States.QueryEvaluationError";
    public static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";

    private StatesErrors() {}

    /**
     * Whether a Retry/Catch {@code ErrorEquals} entry matches an error. States.ALL matches everything except
     * States.Runtime (AWS only catches it by name); States.TaskFailed matches any task error except States.Timeout.
     */
    public static boolean matches(String pattern, String error) {
        if (error == null) {
            return pattern.equals(ALL) || pattern.equals(TASK_FAILED); // a callback failure may carry no error name
        }
        if (pattern.equals(error)) {
            return true;
        }
        if (pattern.equals(ALL)) {
            return !error.equals(RUNTIME);
        }
        if (pattern.equals(TASK_FAILED)) {
            return !error.startsWith("States.") || error.equals(HEARTBEAT_TIMEOUT) || error.equals(PERMISSIONS);
        }
        return false;
    }
}
