package com.ccs.workflows.approval;

/**
 * A click on an approve/reject link, as raw strings: {@link DecisionService} validates each part, so a
 * malformed request is answered with the part that is wrong. {@code confirm} is true for POST (record the
 * decision) and false for GET (show the confirmation page).
 */
public record CallbackRequest(
        String method,
        String approvalId,
        String decision,
        String approver,
        String expires,
        String signature,
        String comment,
        String sourceIp,
        String userAgent,
        String requestId) {

    public boolean confirm() {
        return "POST".equals(method);
    }
}
