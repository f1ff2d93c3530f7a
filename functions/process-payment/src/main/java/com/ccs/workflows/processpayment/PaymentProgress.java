package com.ccs.workflows.processpayment;

import com.ccs.workflows.shared.event.EventFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a payment of several parts stands between two invocations: the state machine passes the last answer back
 * ({@code "status": "in_progress"}) and the next invocation goes on from there.
 *
 * @param paid        the {@code pi_...} ids of parts 1 to n that succeeded, in order
 * @param listedSince epoch seconds: charges created before it are all in {@code paid}, so the next look-up at
 *                    Stripe starts there (minus a margin)
 * @param refunding   present once a later part was declined: the parts taken are being refunded
 */
public record PaymentProgress(
        int partsTotal,
        List<String> paid,
        String stripeCustomerId,
        String paymentMethodId,
        long listedSince,
        Optional<Failure> refunding) {
    private static final Pattern INTENT_ID = Pattern.compile("pi_[A-Za-z0-9_]{1,255}");

    /** Why a payment is being given up: a code, a message safe to show, and the card's decline code if any. */
    public record Failure(String reason, String message, Optional<String> declineCode) {
        public Failure {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(declineCode, "declineCode");
        }
    }

    public PaymentProgress {
        paid = List.copyOf(paid);
        Objects.requireNonNull(stripeCustomerId, "stripeCustomerId");
        Objects.requireNonNull(paymentMethodId, "paymentMethodId");
        Objects.requireNonNull(refunding, "refunding");
    }

    /** The output the state machine hands back. */
    public Map<String, Object> toOutput() {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("status", "in_progress");
        output.put("parts_total", partsTotal);
        output.put("parts_paid", paid.size());
        output.put("transaction_ids", paid);
        output.put("stripe_customer_id", stripeCustomerId);
        output.put("payment_method_id", paymentMethodId);
        output.put("listed_since", listedSince);
        refunding.ifPresent(failure -> {
            Map<String, Object> why = new LinkedHashMap<>();
            why.put("reason", failure.reason());
            why.put("message", failure.message());
            failure.declineCode().ifPresent(code -> why.put("decline_code", code));
            output.put("refunding", why);
        });
        return output;
    }

    /**
     * Reads an earlier answer handed back: {@code progress} as the state machine keeps it ({@code {"status",
     * "details": {...}}}) or the answer itself. Empty unless it is an {@code in_progress} answer.
     */
    static Optional<PaymentProgress> from(EventFields progress) {
        EventFields answer = progress.optionalObject("details").orElse(progress);
        if (!"in_progress".equals(answer.optionalString("status").orElse(""))) {
            return Optional.empty();
        }
        int parts = Math.toIntExact(answer.requiredLong("parts_total"));
        Object ids = answer.raw("transaction_ids");
        if (!(ids instanceof List<?> list) || list.size() > parts) {
            throw answer.invalid("transaction_ids", "must list the ids of the parts paid, at most parts_total");
        }
        List<String> paid = new ArrayList<>();
        for (Object id : list) {
            if (!(id instanceof String text) || !INTENT_ID.matcher(text).matches()) {
                throw answer.invalid("transaction_ids", "must hold PaymentIntent ids (pi_...)");
            }
            paid.add(text);
        }
        Optional<Failure> refunding = answer.optionalObject("refunding")
                .map(why -> new Failure(
                        why.requiredString("reason"),
                        why.requiredString("message"),
                        why.optionalString("decline_code")));
        return Optional.of(new PaymentProgress(
                parts,
                paid,
                answer.requiredString("stripe_customer_id"),
                answer.requiredString("payment_method_id"),
                answer.requiredLong("listed_since"),
                refunding));
    }
}
