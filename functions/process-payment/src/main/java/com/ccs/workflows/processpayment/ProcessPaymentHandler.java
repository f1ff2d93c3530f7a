package com.ccs.workflows.processpayment;

import com.amazonaws.services.lambda.runtime.Context;
import com.ccs.workflows.shared.aws.SecretsManagerSecrets;
import com.ccs.workflows.shared.config.FunctionEnvironment;
import com.ccs.workflows.shared.event.JsonEventHandler;
import com.ccs.workflows.shared.observability.Observability;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * "Process Payment" and "Refund Payment" of the business workflow.
 *
 * <p>Input: {@code {"operation": "charge" (default) | "refund", "execution_id", "execution_started_at",
 * "contract_id", "customer_id", "amount" (major units, whole COP pesos), "currency": "COP", "payment_method",
 * "stripe_customer_id"?, "payment_method_id"?, "progress"?}}: {@code progress} is the previous answer when it was
 * {@code in_progress}; {@code execution_id} only tags the logs.
 *
 * <p>Output ({@code status} is what the state machine branches on):
 * <ul>
 *   <li>{@code {"status": "success", "transaction_id": "pi_..." (the first part), "transaction_ids": [...],
 *   "parts", "amount_minor", "currency": "cop", "stripe_customer_id"}};</li>
 *   <li>{@code {"status": "in_progress", ...}}: more parts (or refunds) than this invocation had time for; call
 *   again with this answer as {@code progress};</li>
 *   <li>{@code {"status": "failed", "reason", "message", "decline_code"?, "refunded", "refunded_transaction_ids"
 *   (the first 100)}}: a decline,
 *   an amount Stripe will not charge, no Stripe customer or no saved card; anything taken was refunded;</li>
 *   <li>{@code {"status": "refunded", "refunded_transaction_ids"}}: the refund asked for is done.</li>
 * </ul>
 * Faults are thrown (see {@link PaymentGateway}).
 *
 * <p>Environment: {@code STRIPE_SECRET_ARN} and {@code PAYMENT_SCOPE} (required), {@code STRIPE_API_BASE} (local
 * runs only), plus the AWS SDK's {@code AWS_REGION} / {@code AWS_ENDPOINT_URL}.
 */
public final class ProcessPaymentHandler extends JsonEventHandler {
    static final String PAYMENT_SCOPE = "PAYMENT_SCOPE";
    static final int MAX_IDS_LISTED = 100;

    private final PaymentService payments;

    /** Used by Lambda: one Secrets Manager reader and (on first use) one Stripe client per container. */
    public ProcessPaymentHandler() {
        this(FunctionEnvironment.variables());
        PaymentPriming.register();
    }

    ProcessPaymentHandler(Map<String, String> env) {
        this(new PaymentService(
                new StripePaymentGateway(
                        StripeSettings.fromEnvironment(env),
                        new SecretsManagerStripeKeys(
                                SecretsManagerSecrets.fromEnvironment(env), env.get("STRIPE_SECRET_ARN"))),
                scope(env)));
    }

    public ProcessPaymentHandler(PaymentService payments) {
        this.payments = payments;
    }

    /** The stack's unique id, in every idempotency key: letters, digits and '-', as a stack id's last part. */
    static String scope(Map<String, String> env) {
        String scope = env.getOrDefault(PAYMENT_SCOPE, "").strip();
        if (!scope.matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalStateException(PAYMENT_SCOPE + " must name this stack (the unique part of its stack id,"
                    + " 1 to 64 letters, digits or '-'), got " + (scope.isEmpty() ? "nothing" : "\"" + scope + "\""));
        }
        return scope;
    }

    @Override
    public Map<String, Object> handle(Map<String, Object> event, Context context) {
        return Observability.handle(context, "ProcessPayment", correlationIds(event), () -> {
            PaymentRequest request = PaymentRequest.fromEvent(event);
            Observability.correlate(Observability.CONTRACT_ID, request.contractId());
            return toOutput(payments.handle(request, Deadline.of(() -> context.getRemainingTimeInMillis())));
        });
    }

    /** The execution id the state machine passes, so every log line of the charge names its execution. */
    private static Map<String, String> correlationIds(Map<String, Object> event) {
        Map<String, String> ids = new HashMap<>();
        if (event != null && event.get("execution_id") instanceof String executionId) {
            ids.put(Observability.EXECUTION_ID, executionId);
        }
        return ids;
    }

    static Map<String, Object> toOutput(PaymentResult result) {
        Map<String, Object> output = new LinkedHashMap<>();
        switch (result) {
            case PaymentResult.InProgress inProgress ->
                output.putAll(inProgress.progress().toOutput());
            case PaymentResult.Succeeded succeeded -> {
                output.put("status", "success");
                output.put("transaction_id", succeeded.transactionIds().getFirst());
                output.put("transaction_ids", succeeded.transactionIds());
                output.put("parts", succeeded.transactionIds().size());
                output.put("amount_minor", succeeded.amountMinor());
                output.put("currency", succeeded.currency());
                output.put("stripe_customer_id", succeeded.stripeCustomerId());
            }
            case PaymentResult.Failed failed -> {
                output.put("status", "failed");
                output.put("reason", failed.reason());
                failed.declineCode().ifPresent(code -> output.put("decline_code", code));
                output.put("message", failed.message());
                // The answer becomes "Payment Failed"'s cause, which holds 32,768 characters: the first ids only.
                output.put("refunded", failed.refundedIds().size());
                output.put(
                        "refunded_transaction_ids",
                        failed.refundedIds()
                                .subList(
                                        0,
                                        Math.min(
                                                MAX_IDS_LISTED,
                                                failed.refundedIds().size())));
            }
            case PaymentResult.Refunded refunded -> {
                output.put("status", "refunded");
                output.put("refunded_transaction_ids", refunded.refundedIds());
            }
            case PaymentResult.RefundPending pending -> {
                output.put("status", "in_progress");
                output.put("refunded_transaction_ids", pending.refundedIds());
                output.put("remaining", pending.remaining());
            }
        }
        return output;
    }
}
