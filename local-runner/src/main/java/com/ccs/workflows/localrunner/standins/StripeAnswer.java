package com.ccs.workflows.localrunner.standins;

import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An answer of the Stripe stand-in: the HTTP status and Stripe's JSON body. */
record StripeAnswer(int status, String body) {

    /** Stripe's error body: {@code {"error": {type, message, code, decline_code, param, payment_intent}}}. */
    static String error(String type, String code, String declineCode, String message, ObjectNode intent, String param) {
        ObjectNode error = Json.object().put("type", type).put("message", message);
        if (code != null) {
            error.put("code", code);
        }
        if (declineCode != null) {
            error.put("decline_code", declineCode);
        }
        if (param != null) {
            error.put("param", param);
        }
        if (intent != null) {
            error.set("payment_intent", intent.deepCopy());
        }
        ObjectNode root = Json.object();
        root.set("error", error);
        return Json.write(root);
    }
}
