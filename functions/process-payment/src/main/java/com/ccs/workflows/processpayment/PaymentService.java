package com.ccs.workflows.processpayment;

import com.ccs.workflows.errors.DependencyUnavailableException;
import com.ccs.workflows.processpayment.PaymentProgress.Failure;
import com.ccs.workflows.shared.observability.Observability;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects a contract's value in full or not at all, and never twice.
 *
 * <ul>
 *   <li><b>Whose card:</b> the caller names the platform's customer; its Stripe Customer is found by metadata
 *   ({@link PaymentGateway#findCustomer}) and its default card charged off-session, unless the caller names
 *   Stripe ids. No Stripe Customer, or no saved card, is a failed payment with that reason: nothing is charged.</li>
 *   <li><b>Above Stripe's cap:</b> the amount is charged as consecutive parts ({@link PaymentPlan}) on the same
 *   card. A part declined after others were taken refunds those, and the payment fails with the decline.</li>
 *   <li><b>Never twice:</b> each part has its own idempotency key, unique per stack and contract
 *   ({@link ContractCharges}), which covers the 24 hours Stripe keeps a key. Before charging, the customer's charges
 *   since the execution started are listed and those of this contract reused, which covers a retry or redrive
 *   days later. A charge found refunded means an earlier attempt gave the payment up: it is not taken again.</li>
 *   <li><b>Time:</b> parts are charged while the invocation has time ({@link Deadline}); the rest is left to the
 *   next invocation, which the state machine makes with this one's progress.</li>
 * </ul>
 */
public final class PaymentService {
    /** Stripe's clock and the execution's may differ: look-ups start this much earlier than the time they are given. */
    static final Duration LOOKUP_MARGIN = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(PaymentService.class);

    private final PaymentGateway gateway;
    private final String scope;

    /** @param scope this stack's unique id, part of every idempotency key and of the charges' metadata */
    public PaymentService(PaymentGateway gateway, String scope) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    public PaymentResult handle(PaymentRequest request, Deadline deadline) {
        return switch (request.operation()) {
            case CHARGE -> charge(request, deadline);
            case REFUND -> refund(request, deadline);
        };
    }

    /** Charges every part not yet paid, or goes on refunding a payment a decline ended. */
    public PaymentResult charge(PaymentRequest request, Deadline deadline) {
        PaymentPlan plan = request.plan();
        ContractCharges charges = charges(request);
        Optional<PaymentProgress> progress = request.progress();
        String customer;
        String method;
        if (progress.isPresent()) {
            customer = progress.get().stripeCustomerId();
            method = progress.get().paymentMethodId();
        } else {
            CustomerLookup lookup = request.stripeCustomerId()
                    .<CustomerLookup>map(CustomerLookup.Found::new)
                    .orElseGet(() -> gateway.findCustomer(request.customerId()));
            if (!(lookup instanceof CustomerLookup.Found found)) {
                return noStripeCustomer(request.customerId(), lookup);
            }
            customer = found.stripeCustomerId();
            Optional<String> card = request.paymentMethodId().or(() -> gateway.defaultPaymentMethod(customer));
            if (card.isEmpty()) {
                count("PaymentFailed");
                return new PaymentResult.Failed(
                        "no_saved_payment_method",
                        "Stripe customer " + customer + " of " + request.customerId()
                                + " has no default card to charge off-session; nothing was charged.",
                        Optional.empty(),
                        List.of());
            }
            method = card.get();
        }

        TreeMap<Integer, String> paid = new TreeMap<>();
        progress.ifPresent(p -> put(paid, p.paid()));
        long listedSince = progress.map(PaymentProgress::listedSince)
                .orElseGet(() -> request.executionStartedAt()
                        .map(Instant::getEpochSecond)
                        .orElse(0L));
        Found found = lookUp(
                customer,
                since(
                        progress.isPresent() || request.executionStartedAt().isPresent()
                                ? Optional.of(listedSince)
                                : Optional.empty()),
                charges,
                plan.size());
        paid.putAll(found.succeeded());
        listedSince = Math.max(listedSince, found.newest());

        Optional<Failure> refunding = progress.flatMap(PaymentProgress::refunding);
        if (refunding.isEmpty() && found.anyRefunded()) {
            refunding = Optional.of(new Failure(
                    "payment_refunded",
                    "An earlier attempt gave this contract's payment" + " up and refunded it; it is not charged again.",
                    Optional.empty()));
        }
        if (refunding.isPresent()) {
            return refundAll(charges, plan, paid, customer, method, listedSince, refunding.get(), deadline);
        }

        for (int part = 1; part <= plan.size(); part++) {
            if (paid.containsKey(part)) {
                continue;
            }
            if (!deadline.allowsAnotherCall()) {
                LOG.info("{} of {} parts paid; the next invocation goes on", paid.size(), plan.size());
                return new PaymentResult.InProgress(
                        progress(plan, paid, customer, method, listedSince, Optional.empty()));
            }
            ChargeCommand command = new ChargeCommand(
                    charges.chargeKey(part, plan.size()),
                    customer,
                    method,
                    plan.amountOf(part),
                    request.currency().stripeCode(),
                    charges.description(part, plan.size()),
                    charges.metadata(part, plan.size()));
            switch (gateway.charge(command)) {
                case PaymentOutcome.Succeeded succeeded -> {
                    paid.put(part, succeeded.transactionId());
                    listedSince = Math.max(listedSince, succeeded.created());
                }
                case PaymentOutcome.Declined declined -> {
                    LOG.info("Part {} of {} declined: {}", part, plan.size(), declined.declineCode());
                    Observability.count("PaymentDeclined");
                    Failure failure = new Failure(
                            StripeErrors.AMOUNT_OUT_OF_RANGE.contains(declined.declineCode())
                                    ? "amount_refused"
                                    : "card_declined",
                            declined.message(),
                            Optional.of(declined.declineCode()));
                    return refundAll(charges, plan, paid, customer, method, listedSince, failure, deadline);
                }
            }
        }
        LOG.info(
                "Payment succeeded in {} part(s): {}",
                plan.size(),
                paid.firstEntry().getValue());
        count("PaymentSucceeded");
        return new PaymentResult.Succeeded(
                List.copyOf(paid.values()),
                plan.totalMinor(),
                request.currency().stripeCode(),
                customer);
    }

    /**
     * Refunds every charge of the contract (a later step failed for good). Stateless: each invocation lists the
     * contract's charges again and refunds them, refunds already made being no-ops, until all are done.
     */
    public PaymentResult refund(PaymentRequest request, Deadline deadline) {
        PaymentPlan plan = request.plan();
        ContractCharges charges = charges(request);
        Optional<String> customer = request.progress()
                .map(PaymentProgress::stripeCustomerId)
                .or(request::stripeCustomerId)
                .or(() -> gateway.findCustomer(request.customerId()) instanceof CustomerLookup.Found found
                        ? Optional.of(found.stripeCustomerId())
                        : Optional.empty());
        if (customer.isEmpty()) {
            return new PaymentResult.Refunded(List.of()); // no single Stripe customer: none was charged
        }
        TreeMap<Integer, String> paid = new TreeMap<>();
        request.progress().ifPresent(p -> put(paid, p.paid()));
        paid.putAll(lookUp(
                        customer.get(),
                        since(request.executionStartedAt().map(Instant::getEpochSecond)),
                        charges,
                        plan.size())
                .succeeded());
        List<String> refunded = new ArrayList<>();
        for (Map.Entry<Integer, String> charge : paid.entrySet()) {
            if (!deadline.allowsAnotherCall()) {
                return new PaymentResult.RefundPending(refunded, paid.size() - refunded.size());
            }
            gateway.refund(refundOf(charges, plan, charge.getKey(), charge.getValue()));
            refunded.add(charge.getValue());
        }
        if (!refunded.isEmpty()) {
            LOG.warn("Refunded {} charge(s) of the contract", refunded.size());
            count("PaymentRefunded");
        }
        return new PaymentResult.Refunded(refunded);
    }

    private PaymentResult refundAll(
            ContractCharges charges,
            PaymentPlan plan,
            TreeMap<Integer, String> paid,
            String customer,
            String method,
            long listedSince,
            Failure failure,
            Deadline deadline) {
        List<String> refunded = new ArrayList<>();
        for (Map.Entry<Integer, String> charge : paid.entrySet()) {
            if (!deadline.allowsAnotherCall()) {
                return new PaymentResult.InProgress(
                        progress(plan, paid, customer, method, listedSince, Optional.of(failure)));
            }
            gateway.refund(refundOf(charges, plan, charge.getKey(), charge.getValue()));
            refunded.add(charge.getValue());
        }
        if (!refunded.isEmpty()) {
            LOG.warn(
                    "Payment failed ({}) after {} of {} parts: those were refunded",
                    failure.reason(),
                    refunded.size(),
                    plan.size());
            count("PaymentRefunded");
        }
        count("PaymentFailed");
        return new PaymentResult.Failed(failure.reason(), failure.message(), failure.declineCode(), refunded);
    }

    private static RefundCommand refundOf(ContractCharges charges, PaymentPlan plan, int part, String paymentIntentId) {
        return new RefundCommand(
                charges.refundKey(part, plan.size()), paymentIntentId, charges.metadata(part, plan.size()));
    }

    private ContractCharges charges(PaymentRequest request) {
        return new ContractCharges(scope, request.contractId(), request.customerId(), request.paymentMethod());
    }

    private static PaymentResult noStripeCustomer(String customerId, CustomerLookup lookup) {
        count("PaymentFailed");
        if (lookup instanceof CustomerLookup.Ambiguous ambiguous) {
            return new PaymentResult.Failed(
                    "stripe_customer_ambiguous",
                    ambiguous.count() + " Stripe customers have"
                            + " metadata ccs_customer_id " + customerId
                            + "; which card to charge is unclear, so nothing was"
                            + " charged.",
                    Optional.empty(),
                    List.of());
        }
        return new PaymentResult.Failed(
                "no_stripe_customer",
                "No Stripe customer has metadata ccs_customer_id " + customerId
                        + " (Stripe's search sees a new customer within about a minute); nothing was charged.",
                Optional.empty(),
                List.of());
    }

    /** What the customer's charges since {@code since} say about this contract's parts. */
    private record Found(Map<Integer, String> succeeded, boolean anyRefunded, long newest) {}

    private Found lookUp(String customer, Optional<Instant> since, ContractCharges charges, int parts) {
        Map<Integer, String> succeeded = new TreeMap<>();
        boolean refunded = false;
        long newest = 0;
        for (ChargeRecord charge : gateway.chargesOf(customer, since)) {
            Optional<Integer> part = charges.partOf(charge.metadata(), parts);
            if (part.isEmpty()) {
                continue;
            }
            newest = Math.max(newest, charge.created());
            switch (charge.status()) {
                case "succeeded" -> {
                    succeeded.put(part.get(), charge.id());
                    refunded |= charge.refunded();
                }
                case "processing" ->
                    throw new DependencyUnavailableException(
                            StripeErrors.DEPENDENCY,
                            "payment " + charge.id() + " of part " + part.get() + " is still processing",
                            null);
                default -> {
                    // declined or canceled: nothing was taken by it
                }
            }
        }
        return new Found(succeeded, refunded, newest);
    }

    private static Optional<Instant> since(Optional<Long> epochSeconds) {
        return epochSeconds.filter(s -> s > 0).map(s -> Instant.ofEpochSecond(s).minus(LOOKUP_MARGIN));
    }

    private static PaymentProgress progress(
            PaymentPlan plan,
            TreeMap<Integer, String> paid,
            String customer,
            String method,
            long listedSince,
            Optional<Failure> refunding) {
        List<String> ids = new ArrayList<>();
        for (int part = 1; paid.containsKey(part); part++) {
            ids.add(paid.get(part));
        }
        if (ids.size() != paid.size()) {
            // Parts are charged in order, so the paid ones are always the first ones.
            throw new IllegalStateException("parts paid out of order: " + paid.keySet());
        }
        return new PaymentProgress(plan.size(), ids, customer, method, listedSince, refunding);
    }

    private static void put(TreeMap<Integer, String> paid, List<String> ids) {
        for (int i = 0; i < ids.size(); i++) {
            paid.put(i + 1, ids.get(i));
        }
    }

    private static void count(String metric) {
        Observability.count(metric);
    }
}
