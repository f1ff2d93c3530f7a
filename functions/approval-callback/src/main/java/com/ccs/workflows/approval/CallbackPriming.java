package com.ccs.workflows.approval;

import com.ccs.workflows.shared.event.JsonText;
import com.ccs.workflows.shared.event.MiniJson;
import com.ccs.workflows.shared.priming.InMemorySdkHttpClient;
import com.ccs.workflows.shared.priming.Priming;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/** SnapStart priming of approval-callback: deciding through a signed link in memory (see {@link ApprovalPriming}). */
final class CallbackPriming {
    private static final String APPROVAL_ID = ApprovalPriming.APPROVAL_ID;
    private static final String MANAGER = ApprovalPriming.MANAGER;
    private static final long EXPIRES = ApprovalPriming.EXPIRES;

    private CallbackPriming() {}

    /** Registers the priming with the snapshot; called by the handler Lambda constructs. */
    static void register() {
        Priming.register("approval callback", CallbackPriming::prime);
    }

    static ApprovalPriming.Report prime(int rounds) {
        InMemorySdkHttpClient http = ApprovalPriming.http();
        try (DynamoDbClient dynamo = http.client(DynamoDbClient.builder());
                SfnClient sfn = http.client(SfnClient.builder())) {
            LinkSigner signer = ApprovalPriming.signer(http.secrets());
            DecisionService decisions = new DecisionService(
                    ApprovalPriming.store(dynamo), new SfnTaskCallback(sfn), signer, Clock.systemUTC());
            for (int round = 0; round < rounds; round++) {
                HttpApiEvent event = HttpApiEvent.from(MiniJson.parseObject(callbackEvent(signer)));
                HttpApiResponse response = HttpResponses.render(
                        decisions.handle(CallbackRequests.from(event)),
                        CallbackRequests.wantsJson(event),
                        new PageContext(ApprovalLanguage.ES_CO, Instant.now(), "priming"));
                ApprovalPriming.check(
                        JsonText.document(response.toMap()).startsWith("{\"statusCode\":200,"), "the callback");
            }
        }
        return new ApprovalPriming.Report(rounds, http.requests());
    }

    /** The POST the confirmation page sends, signed with the priming secret, as API Gateway sends it. */
    private static String callbackEvent(LinkSigner signer) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("rawPath", "/approvals/" + APPROVAL_ID + "/approve");
        event.put("pathParameters", Map.of("approval_id", APPROVAL_ID, "decision", "approve"));
        event.put(
                "queryStringParameters",
                Map.of(
                        "approver",
                        MANAGER,
                        "expires",
                        Long.toString(EXPIRES),
                        "sig",
                        signer.sign(APPROVAL_ID, Decision.APPROVE, EXPIRES, MANAGER)));
        event.put("headers", Map.of("content-type", "application/x-www-form-urlencoded", "accept", "text/html"));
        event.put("body", "comment=priming");
        event.put("isBase64Encoded", false);
        event.put(
                "requestContext",
                Map.of(
                        "requestId",
                        "priming",
                        "http",
                        Map.of("method", "POST", "sourceIp", "127.0.0.1", "userAgent", "priming")));
        return JsonText.document(event);
    }
}
