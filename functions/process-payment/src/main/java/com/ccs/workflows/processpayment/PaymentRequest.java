package com.ccs.workflows.processpayment;

import com.ccs.workflows.errors.InvalidInputException;
import com.ccs.workflows.shared.event.EventFields;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the business state machine asks this function to charge: the contract's value, in the contract's
 * currency, to the customer's payment method already saved in Stripe.
 *
 * <p>Only Stripe identifiers travel through the workflow ({@code cus_...}, {@code pm_...}); the id patterns
 * below also make sure nothing that looks like card data (a card number, a CVC) is ever accepted or echoed.
 *
 * @param amount        the amount in major units (whole pesos for COP), as the contract's estimated_value
 * @param paymentMethod the method the customer chose when signing (e.g. credit_card), kept for reporting
 */
public record PaymentRequest(String contractId,
                             String customerId,
                             BigDecimal amount,
                             StripeCurrency currency,
                             Optional<String> paymentMethod,
                             String stripeCustomerId,
                             String paymentMethodId) {

    // Ids go into Stripe's idempotency key (<= 255 chars) and metadata (values <= 500 chars): keep them short and plain.
    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern STRIPE_CUSTOMER_ID = Pattern.compile("cus_[A-Za-z0-9]{1,64}");
    // pm_ ids, and card_ ids of cards saved before PaymentMethods existed (Stripe accepts both as payment_method).
    private static final Pattern STRIPE_PAYMENT_METHOD_ID = Pattern.compile("(pm|card)_[A-Za-z0-9_]{1,96}");

    public PaymentRequest {
        requireMatch("contract_id", contractId, PLAIN_ID, "letters, digits, '-', '_' or '.', at most 64");
        requireMatch("customer_id", customerId, PLAIN_ID, "letters, digits, '-', '_' or '.', at most 64");
        requireMatch("stripe_customer_id", stripeCustomerId, STRIPE_CUSTOMER_ID, "a Stripe customer id (cus_...)");
        requireMatch("payment_method_id", paymentMethodId, STRIPE_PAYMENT_METHOD_ID,
                "a Stripe payment method id (pm_...); card details are never accepted");
        if (amount == null || currency == null) {
            throw new InvalidInputException(amount == null ? "amount" : "currency", "is required");
        }
        // Fails fast on a non-positive amount or one with too many decimals, naming the field.
        currency.toMinorUnits(amount);
    }

    /** Reads the event the state machine sends; every problem is an InvalidInputException naming the field. */
    public static PaymentRequest fromEvent(Object event) {
        EventFields fields = EventFields.of(event);
        return new PaymentRequest(
                fields.requiredString("contract_id"),
                fields.requiredString("customer_id"),
                amount(fields),
                StripeCurrency.parse(fields.requiredString("currency")),
                fields.optionalString("payment_method"),
                fields.requiredString("stripe_customer_id"),
                fields.requiredString("payment_method_id"));
    }

    /** The amount in Stripe's minor units for this request's currency. */
    public long amountMinor() {
        return currency.toMinorUnits(amount);
    }

    private static BigDecimal amount(EventFields fields) {
        Object raw = fields.raw("amount");
        if (raw == null) {
            throw fields.invalid("amount", "is required and must be a positive number");
        }
        if (!(raw instanceof Number number)) {
            throw fields.invalid("amount", "must be a number, got " + (raw instanceof String ? "a string" : raw.getClass().getSimpleName()));
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
