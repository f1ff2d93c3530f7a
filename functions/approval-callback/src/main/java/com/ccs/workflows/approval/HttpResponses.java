package com.ccs.workflows.approval;

import com.ccs.workflows.shared.event.JsonText;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders outcomes as the decision pages (what a manager's browser shows, {@link DecisionPages}) or JSON
 * (Accept: application/json, unchanged by the page's language). Responses are never cached, never send a
 * Referer (the page URL holds the link's signature) and load nothing ({@link PageStyle#CONTENT_SECURITY_POLICY}).
 */
final class HttpResponses {
    private HttpResponses() {}

    static HttpApiResponse render(CallbackOutcome outcome, boolean json, PageContext context) {
        return switch (outcome) {
            case CallbackOutcome.Confirmation c ->
                json
                        ? json(
                                200,
                                fields(
                                        "status",
                                        "pending",
                                        "approval_id",
                                        c.approval().approvalId(),
                                        "decision",
                                        c.decision().segment(),
                                        "message",
                                        "POST to this URL to confirm the decision"))
                        : html(200, DecisionPages.confirmation(c, context), context);
            case CallbackOutcome.Recorded r ->
                json
                        ? json(
                                200,
                                fields(
                                        "status",
                                        r.decision().outcome().wire(),
                                        "approval_id",
                                        r.approval().approvalId(),
                                        "message",
                                        "Decision recorded"))
                        : html(200, DecisionPages.recorded(r, context), context);
            case CallbackOutcome.Refused f ->
                json
                        ? json(f.status(), fields("error", f.error(), "message", f.message()))
                        : html(f.status(), DecisionPages.refused(f, context), context);
        };
    }

    static HttpApiResponse serverError(int status, String error, String message, boolean json, PageContext context) {
        return render(new CallbackOutcome.Refused(status, error, message), json, context);
    }

    private static Map<String, Object> fields(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static HttpApiResponse json(int status, Map<String, Object> body) {
        return response(status, "application/json", JsonText.object(body));
    }

    private static HttpApiResponse html(int status, DecisionPages.Page page, PageContext context) {
        HttpApiResponse response =
                response(status, "text/html; charset=utf-8", DecisionPages.document(page, context.language()));
        response.headers().put("Content-Language", context.language().tag());
        return response;
    }

    private static HttpApiResponse response(int status, String contentType, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Cache-Control", "no-store");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Content-Security-Policy", PageStyle.CONTENT_SECURITY_POLICY);
        if (status == 503) {
            headers.put("Retry-After", "60");
        }
        return new HttpApiResponse(status, headers, body);
    }
}
