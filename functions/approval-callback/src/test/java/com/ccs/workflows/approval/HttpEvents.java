package com.ccs.workflows.approval;

import com.ccs.workflows.testing.SampleEvents;
import com.ccs.workflows.testing.StreamInvocation;
import com.ccs.workflows.testing.TestLambdaContext;
import java.util.Map;

/** The callback's sample events as mutable maps, sent through the handler's byte stream as API Gateway sends them. */
final class HttpEvents {
    private HttpEvents() {}

    /** {@code events/functions/approval-callback/<file>}. */
    static Map<String, Object> load(String file) {
        return SampleEvents.load("approval-callback", file);
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> query(Map<String, Object> event) {
        return (Map<String, String>) event.get("queryStringParameters");
    }

    static HttpApiResponse send(ApprovalCallbackHandler handler, Map<String, Object> event) {
        return read(StreamInvocation.invoke(handler, event, new TestLambdaContext("approval-callback")));
    }

    /** The handler's answer, parsed back from its JSON. */
    @SuppressWarnings("unchecked")
    static HttpApiResponse read(Map<String, Object> answer) {
        if (!Boolean.FALSE.equals(answer.get("isBase64Encoded"))) {
            throw new AssertionError("the answer must say isBase64Encoded: false, got " + answer);
        }
        return new HttpApiResponse(
                (Integer) answer.get("statusCode"), (Map<String, String>) answer.get("headers"), (String)
                        answer.get("body"));
    }
}
