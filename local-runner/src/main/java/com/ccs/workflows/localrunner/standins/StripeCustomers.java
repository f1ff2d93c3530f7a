package com.ccs.workflows.localrunner.standins;

import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The Stripe customers of {@link StripeStandIn}, one per platform customer id (metadata {@code ccs_customer_id}).
 * Every platform customer has a Stripe customer with a saved test card ({@code pm_card_visa}) unless told
 * otherwise here, so that a workflow can charge any customer of the sample events without setting anything up.
 * A customer's Stripe id is derived from its platform id, the same in every stand-in, so tests can name it.
 */
public final class StripeCustomers {
    public static final String DEFAULT_CARD = "pm_card_visa";
    static final String METADATA_KEY = "ccs_customer_id";
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /**
     * How a platform customer looks on Stripe.
     *
     * @param card its default and only saved card, null for none
     * @param successes with a decline set, how many charges succeed before every further one declines
     */
    private record Setup(boolean exists, boolean duplicated, String card, int successes, String declineToken) {
        static final Setup DEFAULT = new Setup(true, false, DEFAULT_CARD, 0, null);
    }

    /** A Stripe customer id: which platform customer it belongs to and when it was first seen. */
    private record Known(String customerId, long created) {}

    private final Supplier<Instant> clock;
    private final Map<String, Setup> setups = new ConcurrentHashMap<>();
    private final Map<String, Integer> succeeded = new ConcurrentHashMap<>();
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    StripeCustomers(Supplier<Instant> clock) {
        this.clock = clock;
    }

    /**
     * The Stripe id of the platform customer's Stripe customer: {@code cus_} and 14 characters of a hash. The
     * stand-in serves it once the customer was searched for or set up here (a hash cannot be read backwards).
     */
    public static String stripeCustomerId(String customerId) {
        return "cus_" + hash(customerId);
    }

    /** The second customer's Stripe id when {@link #duplicated} (the first is {@link #stripeCustomerId}). */
    public static String duplicateStripeCustomerId(String customerId) {
        return "cus_" + hash(customerId + "\u0000duplicate");
    }

    /** The customer's saved card (and default payment method) is {@code paymentMethod}, a {@code pm_card_*} token. */
    public StripeCustomers withCard(String customerId, String paymentMethod) {
        requireTestCard(paymentMethod);
        update(customerId, s -> new Setup(true, s.duplicated(), paymentMethod, s.successes(), s.declineToken()));
        return this;
    }

    /** The customer exists on Stripe but has no default payment method and no saved card. */
    public StripeCustomers withoutCard(String customerId) {
        update(customerId, s -> new Setup(true, s.duplicated(), null, s.successes(), s.declineToken()));
        return this;
    }

    /** No Stripe customer carries the platform customer's id: the search finds nothing. */
    public StripeCustomers withoutStripeCustomer(String customerId) {
        update(customerId, s -> new Setup(false, false, s.card(), s.successes(), s.declineToken()));
        return this;
    }

    /** Two Stripe customers carry the platform customer's id (the search finds both), each with the same card. */
    public StripeCustomers duplicated(String customerId) {
        update(customerId, s -> new Setup(true, true, s.card(), s.successes(), s.declineToken()));
        return this;
    }

    /**
     * The customer's card succeeds {@code successes} more times (PaymentIntents created, not idempotent replays),
     * then every further charge declines as {@code declineToken} (such as
     * {@code pm_card_visa_chargeDeclinedInsufficientFunds}) would.
     */
    public synchronized StripeCustomers declineAfter(String customerId, int successes, String declineToken) {
        requireTestCard(declineToken);
        if (StripePayments.declineCode(declineToken) == null) {
            throw new IllegalArgumentException(declineToken + " is not a decline test card (pm_card_chargeDeclined...,"
                    + " pm_card_visa_chargeDeclined...)");
        }
        if (successes < 0) {
            throw new IllegalArgumentException("successes must be 0 or more, got " + successes);
        }
        update(
                customerId,
                s -> new Setup(
                        true, s.duplicated(), s.card() == null ? DEFAULT_CARD : s.card(), successes, declineToken));
        succeeded.remove(customerId);
        return this;
    }

    /** Every customer back to the default: one Stripe customer with {@value #DEFAULT_CARD} saved. */
    public synchronized StripeCustomers reset() {
        setups.clear();
        succeeded.clear();
        return this;
    }

    private void update(String customerId, UnaryOperator<Setup> change) {
        setups.compute(customerId, (id, s) -> change.apply(s == null ? Setup.DEFAULT : s));
        remember(stripeCustomerId(customerId), customerId);
        remember(duplicateStripeCustomerId(customerId), customerId);
    }

    private void remember(String stripeId, String customerId) {
        known.computeIfAbsent(stripeId, id -> new Known(customerId, clock.get().getEpochSecond()));
    }

    private static void requireTestCard(String paymentMethod) {
        if (paymentMethod == null || !paymentMethod.startsWith("pm_card_")) {
            throw new IllegalArgumentException("The Stripe stand-in charges Stripe's test cards only (pm_card_visa,"
                    + " pm_card_visa_chargeDeclinedInsufficientFunds...), got " + paymentMethod);
        }
    }

    // ---- what the stand-in serves

    /** The Stripe customers whose metadata carries {@code customerId}, in the order Stripe's search answers. */
    List<ObjectNode> search(String customerId) {
        Setup setup = setups.getOrDefault(customerId, Setup.DEFAULT);
        List<ObjectNode> found = new ArrayList<>();
        if (setup.exists()) {
            remember(stripeCustomerId(customerId), customerId);
            found.add(retrieve(stripeCustomerId(customerId)));
            if (setup.duplicated()) {
                remember(duplicateStripeCustomerId(customerId), customerId);
                found.add(retrieve(duplicateStripeCustomerId(customerId)));
            }
        }
        return found;
    }

    /** The customer object, null when there is no such customer. */
    ObjectNode retrieve(String stripeId) {
        Known customer = known.get(stripeId);
        if (customer == null || !isLive(stripeId, customer.customerId())) {
            return null;
        }
        ObjectNode node = Json.object()
                .put("id", stripeId)
                .put("object", "customer")
                .put("created", customer.created())
                .put("livemode", false);
        node.putNull("default_source");
        node.putNull("email");
        node.putObject("metadata").put(METADATA_KEY, customer.customerId());
        node.putObject("invoice_settings").put("default_payment_method", card(customer.customerId()));
        return node;
    }

    /** The customer's saved cards as payment_method objects; null when there is no such customer. */
    List<ObjectNode> paymentMethods(String stripeId) {
        Known customer = known.get(stripeId);
        if (customer == null || !isLive(stripeId, customer.customerId())) {
            return null;
        }
        String card = card(customer.customerId());
        if (card == null) {
            return List.of();
        }
        ObjectNode method = Json.object()
                .put("id", card)
                .put("object", "payment_method")
                .put("type", "card")
                .put("customer", stripeId)
                .put("created", customer.created())
                .put("livemode", false);
        return List.of(method);
    }

    /**
     * The payment method a new charge of {@code stripeId} behaves as: {@code paymentMethod} itself, or, once the
     * successes given to {@link #declineAfter} are used up, the decline token. Counts the successes.
     */
    synchronized String chargeAs(String stripeId, String paymentMethod) {
        Known customer = stripeId == null ? null : known.get(stripeId);
        if (customer == null || StripePayments.declineCode(paymentMethod) != null) {
            return paymentMethod;
        }
        Setup setup = setups.get(customer.customerId());
        if (setup == null || setup.declineToken() == null) {
            return paymentMethod;
        }
        int used = succeeded.getOrDefault(customer.customerId(), 0);
        if (used >= setup.successes()) {
            return setup.declineToken();
        }
        succeeded.put(customer.customerId(), used + 1);
        return paymentMethod;
    }

    private boolean isLive(String stripeId, String customerId) {
        Setup setup = setups.getOrDefault(customerId, Setup.DEFAULT);
        return setup.exists() && (stripeId.equals(stripeCustomerId(customerId)) || setup.duplicated());
    }

    private String card(String customerId) {
        return setups.getOrDefault(customerId, Setup.DEFAULT).card();
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder id = new StringBuilder();
            for (int i = 0; i < 14; i++) {
                id.append(ALPHABET.charAt((digest[i] & 0xff) % ALPHABET.length()));
            }
            return id.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
