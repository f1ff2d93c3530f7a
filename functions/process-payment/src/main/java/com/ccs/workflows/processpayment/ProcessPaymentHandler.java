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
 * "Process Payment" of the business workflow.
 *
 * <p>Input: {@code {"execution_id", "contract_id", "customer_id", "amount" (major units, whole COP pesos),
 * "currency": "COP", "payment_method", "stripe_customer_id": "cus_...", "payment_method_id": "pm_..."}};
 * {@code execution_id} is optional and only tags the logs.
 * Output: {@code {"status": "success", "transaction_id": "pi_...", "amount_minor": N, "currency": "cop"}} or
 * {@code {"status": "failed", "decline_code", "message"}} (a card decline, or an amount Stripe will not
 * charge: {@code amount_too_large}, {@code amount_too_small}); faults are thrown (see {@link PaymentGateway}).
 *
 * <p>Environment: {@code STRIPE_SECRET_ARN} (required), {@code STRIPE_API_BASE} (local runs only), plus the
 * AWS SDK's {@code AWS_REGION} / {@code AWS_ENDPOINT_URL}.
 */
public final class ProcessPaymentHandler extends JsonEventHandler {

    private final PaymentService payments;

    /** Used by Lambda: one Secrets Manager reader and (on first use) one Stripe client per container. */
    public ProcessPaymentHandler() {
        this(FunctionEnvironment.variables());
        PaymentPriming.register();
    }

    ProcessPaymentHandler(Map<String, String> env) {
        this(new PaymentService(new StripePaymentGateway(
                StripeSettings.fromEnvironment(env),
                new SecretsManagerStripeKeys(SecretsManagerSecrets.fromEnvironment(env), env.get("STRIPE_SECRET_ARN")))));
    }

    public ProcessPaymentHandler(PaymentService payments) {
        this.payments = payments;
    }

    @Override
    public Map<String, Object> handle(Map<String, Object> event, Context context) {
        return Observability.handle(context, "ProcessPayment", correlationIds(event), () -> {
            PaymentRequest request = PaymentRequest.fromEvent(event);
            Observability.correlate(Observability.CONTRACT_ID, request.contractId());
            return toOutput(payments.charge(request));
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

    static Map<String, Object> toOutput(PaymentOutcome outcome) {
        Map<String, Object> output = new LinkedHashMap<>();
        switch (outcome) {
            case PaymentOutcome.Succeeded succeeded -> {
                output.put("status", "success");
                output.put("transaction_id", succeeded.transactionId());
                output.put("amount_minor", succeeded.amountMinor());
                output.put("currency", succeeded.currency());
            }
            case PaymentOutcome.Declined declined -> {
                output.put("status", "failed");
                output.put("decline_code", declined.declineCode());
                output.put("message", declined.message());
            }
        }
        return output;
    }
}
