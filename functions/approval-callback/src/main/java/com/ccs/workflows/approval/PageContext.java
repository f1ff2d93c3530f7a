package com.ccs.workflows.approval;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * What a page needs beyond the outcome: its language, the time it is shown at (for the time left), and the
 * request's id, which the fault page gives as the reference for support.
 *
 * @param requestId API Gateway's request id; shown only when it looks like one
 */
record PageContext(ApprovalLanguage language, Instant now, String requestId) {
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9=_-]{1,64}");

    /** The request id when it is safe and useful to show, else null. */
    String reference() {
        return requestId != null && REQUEST_ID.matcher(requestId).matches() ? requestId : null;
    }
}
