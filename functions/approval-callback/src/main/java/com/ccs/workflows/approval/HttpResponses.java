package com.ccs.workflows.approval;

import com.ccs.workflows.shared.event.JsonText;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders outcomes as small HTML pages (what a manager's browser shows) or JSON (Accept: application/json).
 * Every value shown is escaped; responses are never cached and never send a Referer, since the page URL holds
 * the link's signature.
 */
final class HttpResponses {
    private HttpResponses() {
    }

    static HttpApiResponse render(CallbackOutcome outcome, boolean json) {
        return switch (outcome) {
            case CallbackOutcome.Confirmation c -> json
                    ? json(200, fields("status", "pending", "approval_id", c.approval().approvalId(), "decision", c.decision().segment(),
                            "message", "POST to this URL to confirm the decision"))
                    : html(200, "Confirm: " + c.decision().segment(), confirmationBody(c));
            case CallbackOutcome.Recorded r -> {
                String message = "Decision recorded";
                yield json
                        ? json(200, fields("status", r.decision().outcome().wire(), "approval_id", r.approval().approvalId(),
                                "message", message))
                        : html(200, message, "<p>" + esc(message) + ": the request of <strong>" + esc(r.approval().summary().companyName())
                                + "</strong> is <strong>" + esc(r.decision().outcome().wire()) + "</strong>.</p>");
            }
            case CallbackOutcome.Refused f -> json
                    ? json(f.status(), fields("error", f.error(), "message", f.message()))
                    : html(f.status(), "already_recorded".equals(f.error()) ? "Decision already recorded" : "Not recorded",
                            "<p>" + esc(f.message()) + "</p>");
        };
    }

    static HttpApiResponse serverError(int status, String error, String message, boolean json) {
        return render(new CallbackOutcome.Refused(status, error, message), json);
    }

    private static String confirmationBody(CallbackOutcome.Confirmation c) {
        RequestSummary s = c.approval().summary();
        String verb = c.decision() == Decision.APPROVE ? "Approve" : "Reject";
        return "<p>Contract request of <strong>" + esc(s.companyName()) + "</strong> (" + esc(s.customerId()) + ")</p>"
                + "<ul><li>Vehicles: " + s.numberOfVehicles() + "</li><li>Contract type: " + esc(s.contractType())
                + "</li><li>Estimated value: " + s.estimatedValue() + " COP</li><li>Decide before: "
                + esc(c.approval().expiresAt().toString()) + "</li></ul>"
                // Relative action: resolves to this same path whatever the stage or custom domain.
                + "<form method=\"post\" action=\"" + esc(c.decision().segment() + "?" + c.formQuery()) + "\">"
                + "<label>Comment (optional)<br><textarea name=\"comment\" maxlength=\"" + DecisionService.MAX_COMMENT
                + "\" rows=\"4\" cols=\"60\"></textarea></label><br>"
                + "<button type=\"submit\">" + verb + "</button></form>";
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

    private static HttpApiResponse html(int status, String title, String content) {
        String page = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title)
                + "</title></head><body><h1>" + esc(title) + "</h1>" + content + "</body></html>";
        return response(status, "text/html; charset=utf-8", page);
    }

    private static HttpApiResponse response(int status, String contentType, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Cache-Control", "no-store");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Content-Security-Policy", "default-src 'none'; form-action 'self'; frame-ancestors 'none'");
        if (status == 503) {
            headers.put("Retry-After", "60");
        }
        return new HttpApiResponse(status, headers, body);
    }

    static String esc(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
