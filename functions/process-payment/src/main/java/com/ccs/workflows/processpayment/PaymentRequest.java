package com.ccs.workflows.processpayment;

import com.ccs.workflows.errors.InvalidInputException;
import com.ccs.workflows.shared.event.EventFields;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the business state machine asks this function to do with a contract's payment: charge its value, in the
 * contract's currency, to the customer's card saved in Stripe ({@code operation: "charge"}, the default), or refund
 * every charge of it ({@code "refund"}).
 *
 * <p>The caller names the platform's customer; Stripe ids are optional ({@code cus_...}, {@code pm_...}). The id
 * patterns also make sure nothing that looks like card data (a card number, a CVC) is ever accepted or echoed.
 *
 * @param amount             the amount in major units (whole pesos for COP), as the contract's estimated_value
 * @param paymentMethod      the method the customer chose when signing (e.g. credit_card), kept for reporting
 * @param executionStartedAt when the execution started: no charge of this contract is older, so Stripe is asked
 *                           only about charges since then
 * @param progress           the answer of the previous invocation, when it was {@code in_progress}
 */
public record PaymentRequest(
        Operation operation,
        String contractId,
        String customerId,
        BigDecimal amount,
        StripeCurrency currency,
        Optional<String> paymentMethod,
        Optional<String> stripeCustomerId,
        Optional<String> paymentMethodId,
        Optional<Instant> executionStartedAt,
        Optional<PaymentProgress> progress) {

    /** What to do. */
    public enum Operation {
        CHARGE,
        REFUND
    }

    // Ids go into Stripe's idempotency keys (<= 255 chars), metadata (values <= 500 chars) and search queries
    // (quoted): keep them short and plain.
    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern STRIPE_CUSTOMER_ID = Pattern.compile("cus_[A-Za-z0-9]{1,64}");
    // pm_ ids, and card_ ids of cards saved before PaymentMethods existed (Stripe accepts both as payment_method).
    private static final Pattern STRIPE_PAYMENT_METHOD_ID = Pattern.compile("(pm|card)_[A-Za-z0-9_]{1,96}");

    public PaymentRequest {
        requireMatch("contract_id", contractId, PLAIN_ID, "letters, digits, '-', '_' or '.', at most 64");
        requireMatch("customer_id", customerId, PLAIN_ID, "letters, digits, '-', '_' or '.', at most 64");
        stripeCustomerId.ifPresent(
                id -> requireMatch("stripe_customer_id", id, STRIPE_CUSTOMER_ID, "a Stripe customer id (cus_...)"));
        paymentMethodId.ifPresent(id -> requireMatch(
                "payment_method_id",
                id,
                STRIPE_PAYMENT_METHOD_ID,
                "a Stripe payment method id (pm_...); card details are never accepted"));
        if (amount == null || currency == null) {
            throw new InvalidInputException(amount == null ? "amount" : "currency", "is required");
        }
        // Fails fast on a non-positive amount or one with too many decimals, naming the field.
        long minor = currency.toMinorUnits(amount);
        if (minor > PaymentPlan.MAX_TOTAL_MINOR) {
            throw new InvalidInputException(
                    "amount",
                    "is more than one payment collects: at most " + PaymentPlan.MAX_PARTS
                            + " card charges of Stripe's largest amount");
        }
        int parts = PaymentPlan.of(minor, currency.minorUnitDigits()).size();
        progress.ifPresent(p -> {
            if (p.partsTotal() != parts) {
                throw new InvalidInputException(
                        "progress.parts_total",
                        "is " + p.partsTotal() + " but this amount is" + " collected in " + parts + " parts");
            }
        });
    }

    /** Reads the event the state machine sends; every problem is an InvalidInputException naming the field. */
    public static PaymentRequest fromEvent(Object event) {
        EventFields fields = EventFields.of(event);
        return new PaymentRequest(
                operation(fields),
                fields.requiredString("contract_id"),
                fields.requiredString("customer_id"),
                amount(fields),
                StripeCurrency.parse(fields.requiredString("currency")),
                fields.optionalString("payment_method"),
                fields.optionalString("stripe_customer_id"),
                fields.optionalString("payment_method_id"),
                instant(fields, "execution_started_at"),
                fields.optionalObject("progress").flatMap(PaymentProgress::from));
    }

    /** The amount in Stripe's minor units for this request's currency. */
    public long amountMinor() {
        return currency.toMinorUnits(amount);
    }

    /** How this amount is collected. */
    public PaymentPlan plan() {
        return PaymentPlan.of(amountMinor(), currency.minorUnitDigits());
    }

    private static Operation operation(EventFields fields) {
        String operation = fields.optionalString("operation").orElse("charge");
        return switch (operation) {
            case "charge" -> Operation.CHARGE;
            case "refund" -> Operation.REFUND;
            default ->
                throw fields.invalid(
                        "operation",
                        "must be \"charge\" or \"refund\""
                                + (operation.length() <= 20 ? ", got \"" + operation + "\"" : ""));
        };
    }

    private static Optional<Instant> instant(EventFields fields, String name) {
        return fields.optionalString(name).map(text -> {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw fields.invalid(name, "must be an ISO-8601 date-time with offset, such as 2026-03-01T10:15:30Z");
            }
        });
    }

    private static BigDecimal amount(EventFields fields) {
        Object raw = fields.raw("amount");
        if (raw == null) {
            throw fields.invalid("amount", "is required and must be a positive number");
        }
        if (!(raw instanceof Number number)) {
            throw fields.invalid(
                    "amount",
                    "must be a number, got "
                            + (raw instanceof String
                                    ? "a string"
                                    : raw.getClass().getSimpleName()));
        }
        try {
            return new BigDecimal(number.toString());
        } catch (NumberFormatException e) {
            throw fields.invalid("amount", "must be a finite number, got " + number);
        }
    }

    private static void requireMatch(String field, String value, Pattern pattern, String expected) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required and must be " + expected);
        }
        if (!pattern.matcher(value).matches()) {
            // The value itself is not echoed: a wrong field could hold something sensitive.
            throw new InvalidInputException(field, "must be " + expected);
        }
    }
}
