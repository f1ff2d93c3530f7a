package com.ccs.workflows.approval;

import com.ccs.workflows.contract.ContractRequest;
import com.ccs.workflows.errors.InvalidInputException;
import com.ccs.workflows.shared.event.EventFields;

/**
 * What the state machine sends when it enters "Wait for Approval" (lambda:invoke.waitForTaskToken):
 * {@code {"task_token", "execution_id", "request": <the contract request>, "approval_window_seconds"}}. The request is
 * read and checked by the rules every business function shares ({@link ContractRequest#parse}).
 */
public record ApprovalRequest(String taskToken, String executionId, RequestSummary summary, long windowSeconds) {
    public static final long MIN_WINDOW_SECONDS = 60;
    /** Links stay valid for the window, so it is bounded: a week is already long for a signed link. */
    public static final long MAX_WINDOW_SECONDS = 7 * 24 * 3600;

    static final int MAX_TOKEN_LENGTH = 2048;

    public static ApprovalRequest from(Object event) {
        EventFields fields = EventFields.of(event);
        String token = fields.requiredString("task_token");
        if (token.length() > MAX_TOKEN_LENGTH) {
            // Never echo the value: it is the task token.
            throw new InvalidInputException("task_token", "must be at most " + MAX_TOKEN_LENGTH + " characters");
        }
        String executionId = fields.requiredString("execution_id");
        if (executionId.length() > 256) {
            throw new InvalidInputException(
                    "execution_id", "must be at most 256 characters, got " + executionId.length());
        }
        long window = fields.requiredLong("approval_window_seconds");
        if (window < MIN_WINDOW_SECONDS || window > MAX_WINDOW_SECONDS) {
            throw new InvalidInputException(
                    "approval_window_seconds",
                    "must be between " + MIN_WINDOW_SECONDS + " and " + MAX_WINDOW_SECONDS + ", got " + window);
        }
        ContractRequest request = ContractRequest.parse(fields.raw("request"), "request");
        return new ApprovalRequest(token, executionId, RequestSummary.of(request), window);
    }

    @Override
    public String toString() {
        return "ApprovalRequest[executionId=" + executionId + ", windowSeconds=" + windowSeconds
                + ", taskToken=<redacted>]";
    }
}
