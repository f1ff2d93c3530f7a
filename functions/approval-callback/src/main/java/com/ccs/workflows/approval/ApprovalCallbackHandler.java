package com.ccs.workflows.approval;

import com.amazonaws.services.lambda.runtime.Context;
import com.ccs.workflows.errors.DependencyUnavailableException;
import com.ccs.workflows.shared.aws.AwsClients;
import com.ccs.workflows.shared.aws.SdkFaults;
import com.ccs.workflows.shared.config.FunctionClock;
import com.ccs.workflows.shared.config.FunctionEnvironment;
import com.ccs.workflows.shared.event.JsonEventHandler;
import com.ccs.workflows.shared.observability.Observability;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * HTTP API (payload 2.0) routes {@code GET /approvals/{approval_id}/{decision}} (shows a confirmation page) and
 * {@code POST /approvals/{approval_id}/{decision}} (records the decision and resumes the execution), with query
 * {@code approver, expires, sig} and an optional {@code comment}. GET never decides: mail scanners and link
 * previews fetch links, and must not approve a contract. Every answer is a page or JSON; no stack trace, token
 * or signature is ever returned or logged.
 */
public final class ApprovalCallbackHandler extends JsonEventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ApprovalCallbackHandler.class);

    private final DecisionService service;
    private final LanguageSetting languages;

    public ApprovalCallbackHandler() {
        this(new Env(FunctionEnvironment.variables()));
        CallbackPriming.register();
    }

    private ApprovalCallbackHandler(Env env) {
        this(fromEnvironment(env), env.language());
    }

    /** Pages in es-CO, the default of {@code APPROVAL_LANGUAGE}. */
    public ApprovalCallbackHandler(DecisionService service) {
        this(service, LanguageSetting.of(LanguageSetting.FALLBACK));
    }

    public ApprovalCallbackHandler(DecisionService service, LanguageSetting languages) {
        this.service = service;
        this.languages = languages;
    }

    private static DecisionService fromEnvironment(Env env) {
        LinkSigner signer = ApprovalAdapters.signer(env, null);
        return new DecisionService(
                ApprovalAdapters.store(env),
                new SfnTaskCallback(AwsClients.build(SfnClient.builder())),
                signer,
                FunctionClock.clock());
    }

    @Override
    public Map<String, Object> handle(Map<String, Object> event, Context context) {
        return respond(HttpApiEvent.from(event), context).toMap();
    }

    HttpApiResponse respond(HttpApiEvent event, Context context) {
        return Observability.handle(context, "ApprovalCallback", Map.of(), () -> {
            boolean json = CallbackRequests.wantsJson(event);
            PageContext page = new PageContext(
                    languages.forPage(CallbackRequests.acceptLanguage(event)),
                    service.clock().instant(),
                    event.requestId());
            try {
                CallbackRequest request = CallbackRequests.from(event);
                if (Approval.isWellFormedId(request.approvalId())) {
                    Observability.correlate("approval_id", request.approvalId());
                }
                CallbackOutcome outcome = service.handle(request);
                Observability.count(
                        switch (outcome) {
                            case CallbackOutcome.Recorded r ->
                                r.resent() ? "ApprovalDecisionResent" : "ApprovalDecided";
                            case CallbackOutcome.Refused f -> "ApprovalCallbackRefused" + f.status();
                            case CallbackOutcome.Confirmation c -> "ApprovalConfirmationShown";
                        });
                return HttpResponses.render(outcome, json, page);
            } catch (DependencyUnavailableException e) {
                LOG.warn("Approval callback could not reach a dependency: {}", e.getMessage());
                return HttpResponses.serverError(
                        503,
                        "try_again",
                        "The service is busy. Nothing was changed; please try again in a minute.",
                        json,
                        page);
            } catch (RuntimeException e) {
                // The class and, for an AWS failure, its error code and status: other messages may quote the link.
                LOG.error(
                        "Approval callback failed: {}{}",
                        e.getClass().getName(),
                        e instanceof AwsServiceException service ? " " + SdkFaults.describe(service) : "");
                return HttpResponses.serverError(
                        500,
                        "internal_error",
                        "Something went wrong. Nothing was recorded; please try again later.",
                        json,
                        page);
            }
        });
    }
}
