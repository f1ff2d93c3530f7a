package com.ccs.workflows.processpayment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A Stripe account in memory for unit tests, with the rules the service relies on: customers found by
 * {@code ccs_customer_id}, idempotency keys that replay the first charge (until {@link #forgetKeys()}, as Stripe does
 * after 24 hours), charges listed by customer and creation time, full refunds once. Every charge and refund attempt
 * is recorded.
 */
class InMemoryStripeAccount implements PaymentGateway {
    /** A PaymentIntent this account holds. */
    record Intent(
            String id,
            String customer,
            String paymentMethod,
            long amount,
            String status,
            long created,
            Map<String, String> metadata,
            String idempotencyKey) {}

    final List<ChargeCommand> commands = new ArrayList<>();
    final List<Intent> intents = new ArrayList<>();
    final List<RefundCommand> refunds = new ArrayList<>();
    final List<String> refunded = new ArrayList<>();
    final Map<String, List<String>> customers = new HashMap<>();
    final Map<String, String> defaultCards = new HashMap<>();
    private final Map<String, Intent> byKey = new LinkedHashMap<>();
    /** The outcome of a new charge (not of a replay), by the command: null means succeed. */
    Function<ChargeCommand, PaymentOutcome.Declined> declines = command -> null;

    long clock = Instant.parse("2026-03-02T15:00:00Z").getEpochSecond();
    /** The {@code since} of every listing, in order. */
    final List<Optional<Instant>> since = new ArrayList<>();

    /** An account where every customer of the platform has the same Stripe Customer, with a card. */
    static InMemoryStripeAccount everyoneWithACard() {
        InMemoryStripeAccount account = new InMemoryStripeAccount() {
            @Override
            public CustomerLookup findCustomer(String customerId) {
                return new CustomerLookup.Found("cus_Everyone");
            }
        };
        account.defaultCards.put("cus_Everyone", "pm_1Card");
        return account;
    }

    /** A customer of the platform with a Stripe Customer and a default card. */
    InMemoryStripeAccount customer(String customerId, String stripeCustomerId, String card) {
        customers.computeIfAbsent(customerId, id -> new ArrayList<>()).add(stripeCustomerId);
        if (card != null) {
            defaultCards.put(stripeCustomerId, card);
        }
        return this;
    }

    /** Declines every new charge after {@code successes} charges were taken. */
    InMemoryStripeAccount declineAfter(int successes, String declineCode) {
        declines = command -> takenCount() >= successes
                ? new PaymentOutcome.Declined(declineCode, "Your card has insufficient funds.")
                : null;
        return this;
    }

    void forgetKeys() {
        byKey.clear();
    }

    long takenCount() {
        return intents.stream().filter(i -> i.status().equals("succeeded")).count();
    }

    /** Money kept: succeeded charges not refunded. */
    long kept() {
        return intents.stream()
                .filter(i -> i.status().equals("succeeded") && !refunded.contains(i.id()))
                .mapToLong(Intent::amount)
                .sum();
    }

    @Override
    public CustomerLookup findCustomer(String customerId) {
        List<String> found = customers.getOrDefault(customerId, List.of());
        return switch (found.size()) {
            case 0 -> new CustomerLookup.Missing();
            case 1 -> new CustomerLookup.Found(found.getFirst());
            default -> new CustomerLookup.Ambiguous(found.size());
        };
    }

    @Override
    public Optional<String> defaultPaymentMethod(String stripeCustomerId) {
        return Optional.ofNullable(defaultCards.get(stripeCustomerId));
    }

    @Override
    public List<ChargeRecord> chargesOf(String stripeCustomerId, Optional<Instant> createdSince) {
        since.add(createdSince);
        return intents.stream()
                .filter(i -> i.customer().equals(stripeCustomerId))
                .filter(i ->
                        createdSince.map(s -> i.created() >= s.getEpochSecond()).orElse(true))
                .map(i -> new ChargeRecord(i.id(), i.status(), i.created(), i.metadata(), refunded.contains(i.id())))
                .toList()
                .reversed();
    }

    @Override
    public PaymentOutcome charge(ChargeCommand command) {
        commands.add(command);
        Intent first = byKey.get(command.idempotencyKey());
        if (first == null) {
            PaymentOutcome.Declined declined = declines.apply(command);
            first = new Intent(
                    "pi_" + (intents.size() + 1),
                    command.stripeCustomerId(),
                    command.paymentMethodId(),
                    command.amountMinor(),
                    declined == null ? "succeeded" : "requires_payment_method",
                    clock++,
                    command.metadata(),
                    command.idempotencyKey());
            intents.add(first);
            byKey.put(command.idempotencyKey(), first);
            if (declined != null) {
                return declined;
            }
        }
        return first.status().equals("succeeded")
                ? new PaymentOutcome.Succeeded(first.id(), first.amount(), command.currency(), first.created())
                : new PaymentOutcome.Declined("insufficient_funds", "Your card has insufficient funds.");
    }

    @Override
    public void refund(RefundCommand command) {
        refunds.add(command);
        if (!refunded.contains(command.paymentIntentId())) {
            refunded.add(command.paymentIntentId());
        }
    }
}
