package com.ccs.workflows.localrunner.standins;

import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/**
 * The stand-in's PaymentIntents and refunds: created as Stripe's test mode creates them (the test payment
 * methods' outcomes, the amount cap), listed and retrieved as Stripe answers, and kept for the run report.
 */
final class StripePayments {
    private static final String DECLINED = "chargeDeclined";
    /** Stripe's limit: eight digits in the currency's smallest unit. */
    private static final long MAX_AMOUNT = 99_999_999L;

    private final Supplier<Instant> clock;
    private final StripeCustomers customers;
    private final Map<String, ObjectNode> intents = new ConcurrentHashMap<>();
    private final List<String> intentOrder = new CopyOnWriteArrayList<>();
    private final Map<String, Long> refunded = new ConcurrentHashMap<>();
    private final List<StripeStandIn.Charge> charges = new CopyOnWriteArrayList<>();
    private final List<StripeStandIn.Refund> refunds = new CopyOnWriteArrayList<>();

    StripePayments(Supplier<Instant> clock, StripeCustomers customers) {
        this.clock = clock;
        this.customers = customers;
    }

    List<StripeStandIn.Charge> charges() {
        return List.copyOf(charges);
    }

    List<StripeStandIn.Refund> refunds() {
        return List.copyOf(refunds);
    }

    synchronized StripeAnswer createIntent(Map<String, String> params) {
        for (String required : List.of("amount", "currency")) {
            if (!params.containsKey(required)) {
                throw new StripeRefusal(
                        400, "parameter_missing", required, "Missing required param: " + required + ".");
            }
        }
        long amount = StripeParams.integer(params.get("amount"), "amount");
        if (amount > MAX_AMOUNT) {
            throw new StripeRefusal(
                    400,
                    "amount_too_large",
                    "amount",
                    "Amount must be no more than " + MAX_AMOUNT + " in the currency's smallest unit.");
        }
        String paymentMethod = params.get("payment_method");
        if (paymentMethod == null || !paymentMethod.startsWith("pm_card_")) {
            throw new StripeRefusal(
                    400, "resource_missing", "payment_method", "No such PaymentMethod: '" + paymentMethod + "'");
        }
        String customer = params.get("customer");
        String id = "pi_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        long created = clock.get().getEpochSecond();
        ObjectNode intent = Json.object();
        intent.put("id", id)
                .put("object", "payment_intent")
                .put("amount", amount)
                .put("currency", params.get("currency").toLowerCase(Locale.ROOT))
                .put("customer", customer)
                .put("payment_method", paymentMethod)
                .put("description", params.get("description"))
                .put("capture_method", "automatic_async")
                .put("confirmation_method", "automatic")
                .put("created", created)
                .put("livemode", false);
        ObjectNode metadata = intent.putObject("metadata");
        Map<String, String> meta = StripeParams.metadata(params);
        meta.forEach(metadata::put);
        String currency = intent.get("currency").asText();
        // What the stand-in records of this intent: only the outcome and the charge id depend on the card.
        BiFunction<String, String, StripeStandIn.Charge> charge = (status, chargeId) -> new StripeStandIn.Charge(
                id, amount, currency, customer, paymentMethod, status, meta, created, chargeId);
        String decline = declineCode(customers.chargeAs(customer, paymentMethod));
        if (decline == null) {
            String chargeId = "ch_" + id.substring(3);
            intent.put("status", "succeeded").put("amount_received", amount).put("latest_charge", chargeId);
            intent.putNull("last_payment_error");
            keep(intent, charge.apply("succeeded", chargeId));
            return new StripeAnswer(200, Json.write(intent));
        }
        String code = switch (decline) {
            case "expired_card", "incorrect_cvc", "processing_error", "authentication_required" -> decline;
            default -> "card_declined";
        };
        String message = switch (decline) {
            case "insufficient_funds" -> "Your card has insufficient funds.";
            case "expired_card" -> "Your card has expired.";
            case "incorrect_cvc" -> "Your card's security code is incorrect.";
            case "processing_error" -> "An error occurred while processing your card. Try again in a little bit.";
            case "authentication_required" -> "Your card was declined. This transaction requires authentication.";
            default -> "Your card was declined.";
        };
        ObjectNode lastError = Json.object()
                .put("type", "card_error")
                .put("code", code)
                .put("decline_code", decline)
                .put("message", message);
        intent.put("status", "requires_payment_method").put("amount_received", 0);
        intent.putNull("latest_charge"); // no money moved: nothing to list as a charge or to refund
        intent.set("last_payment_error", lastError);
        keep(intent, charge.apply("requires_payment_method", null));
        return new StripeAnswer(402, StripeAnswer.error("card_error", code, decline, message, intent, null));
    }

    private void keep(ObjectNode intent, StripeStandIn.Charge charge) {
        intents.put(charge.paymentIntentId(), intent);
        intentOrder.add(charge.paymentIntentId());
        charges.add(charge);
    }

    StripeAnswer retrieveIntent(String id, Map<String, List<String>> query) {
        ObjectNode intent = intents.get(id);
        if (intent == null) {
            throw new StripeRefusal(404, "resource_missing", "intent", "No such payment_intent: '" + id + "'");
        }
        return new StripeAnswer(200, Json.write(render(intent, StripeParams.expands(query, "latest_charge"))));
    }

    /** Stripe's list: newest first, by customer and creation time, a page of {@code limit} after a cursor. */
    StripeAnswer listIntents(Map<String, List<String>> query) {
        int limit = StripeParams.limit(query);
        String customer = StripeParams.first(query, "customer");
        LongPredicate created = createdFilter(query);
        List<ObjectNode> ordered =
                new ArrayList<>(intentOrder.stream().map(intents::get).toList());
        Collections.reverse(ordered);
        ordered.sort(
                Comparator.comparingLong((ObjectNode i) -> i.path("created").asLong())
                        .reversed());
        String after = StripeParams.first(query, "starting_after");
        String before = StripeParams.first(query, "ending_before");
        List<ObjectNode> candidates = ordered;
        if (after != null) {
            candidates = ordered.subList(position(ordered, after, "starting_after") + 1, ordered.size());
        } else if (before != null) {
            candidates = ordered.subList(0, position(ordered, before, "ending_before"));
        }
        List<ObjectNode> matching = candidates.stream()
                .filter(i ->
                        customer == null || customer.equals(i.path("customer").asText(null)))
                .filter(i -> created.test(i.path("created").asLong()))
                .toList();
        // ending_before pages towards newer objects: the page is the one just before the cursor
        List<ObjectNode> page = after == null && before != null && matching.size() > limit
                ? matching.subList(matching.size() - limit, matching.size())
                : matching;
        boolean expand = StripeParams.expands(query, "data.latest_charge");
        ObjectNode list = StripeParams.list(
                "/v1/payment_intents", page.stream().map(i -> render(i, expand)).toList(), limit);
        list.put("has_more", matching.size() > limit);
        return new StripeAnswer(200, Json.write(list));
    }

    private static int position(List<ObjectNode> ordered, String id, String param) {
        for (int i = 0; i < ordered.size(); i++) {
            if (ordered.get(i).path("id").asText().equals(id)) {
                return i;
            }
        }
        throw new StripeRefusal(400, "resource_missing", param, "No such payment_intent: '" + id + "'");
    }

    private static LongPredicate createdFilter(Map<String, List<String>> query) {
        LongPredicate filter = t -> true;
        String exact = StripeParams.first(query, "created");
        if (exact != null) {
            long at = StripeParams.integer(exact, "created");
            filter = filter.and(t -> t == at);
        }
        for (String op : List.of("gt", "gte", "lt", "lte")) {
            String value = StripeParams.first(query, "created[" + op + "]");
            if (value == null) {
                continue;
            }
            long bound = StripeParams.integer(value, "created[" + op + "]");
            filter = filter.and(
                    switch (op) {
                        case "gt" -> t -> t > bound;
                        case "gte" -> t -> t >= bound;
                        case "lt" -> t -> t < bound;
                        default -> t -> t <= bound;
                    });
        }
        return filter;
    }

    /** The PaymentIntent as answered: {@code latest_charge} its id, or the charge object when expanded. */
    private ObjectNode render(ObjectNode intent, boolean expandCharge) {
        if (!expandCharge || intent.path("latest_charge").isNull()) {
            return intent;
        }
        ObjectNode copy = intent.deepCopy();
        String id = intent.path("id").asText();
        long amount = intent.path("amount").asLong();
        long amountRefunded = refunded.getOrDefault(id, 0L);
        ObjectNode charge = copy.putObject("latest_charge");
        charge.put("id", intent.path("latest_charge").asText())
                .put("object", "charge")
                .put("amount", amount)
                .put("amount_captured", amount)
                .put("amount_refunded", amountRefunded)
                .put("refunded", amountRefunded >= amount)
                .put("captured", true)
                .put("paid", true)
                .put("status", "succeeded")
                .put("currency", intent.path("currency").asText())
                .put("customer", intent.path("customer").asText(null))
                .put("payment_intent", id)
                .put("payment_method", intent.path("payment_method").asText())
                .put("created", intent.path("created").asLong())
                .put("livemode", false);
        return copy;
    }

    synchronized StripeAnswer createRefund(Map<String, String> params) {
        String intentId = params.get("payment_intent");
        String param = "payment_intent";
        if (intentId == null && params.get("charge") != null) {
            param = "charge";
            intentId = params.get("charge").startsWith("ch_")
                    ? "pi_" + params.get("charge").substring(3)
                    : params.get("charge"); // a charge's id mirrors its PaymentIntent's
        }
        if (intentId == null) {
            throw new StripeRefusal(
                    400,
                    "parameter_missing",
                    null,
                    "One of the following params should be provided for this request: payment_intent or charge.");
        }
        ObjectNode intent = intents.get(intentId);
        if (intent == null) {
            throw new StripeRefusal(
                    404, "resource_missing", param, "No such " + param + ": '" + params.get(param) + "'");
        }
        if (!intent.path("status").asText().equals("succeeded")) {
            throw new StripeRefusal(
                    400,
                    "payment_intent_unexpected_state",
                    param,
                    "This PaymentIntent (" + intentId + ") does not have a successful charge to refund.");
        }
        String chargeId = intent.path("latest_charge").asText();
        String currency = intent.path("currency").asText();
        long amount = intent.path("amount").asLong();
        long already = refunded.getOrDefault(intentId, 0L);
        if (already >= amount) {
            throw new StripeRefusal(
                    400, "charge_already_refunded", null, "Charge " + chargeId + " has already been refunded.");
        }
        long requested =
                params.containsKey("amount") ? StripeParams.integer(params.get("amount"), "amount") : amount - already;
        if (requested <= 0) {
            throw new StripeRefusal(
                    400, "parameter_invalid_integer", "amount", "This value must be greater than or equal to 1.");
        }
        if (requested > amount - already) {
            throw new StripeRefusal(
                    400,
                    "amount_too_large",
                    "amount",
                    "Refund amount (" + requested + " " + currency + ") is greater than unrefunded amount on charge ("
                            + (amount - already) + " " + currency + ")");
        }
        refunded.put(intentId, already + requested);
        String id = "re_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        long created = clock.get().getEpochSecond();
        Map<String, String> meta = StripeParams.metadata(params);
        ObjectNode refund = Json.object()
                .put("id", id)
                .put("object", "refund")
                .put("amount", requested)
                .put("currency", currency)
                .put("payment_intent", intentId)
                .put("charge", chargeId)
                .put("status", "succeeded")
                .put("reason", params.get("reason"))
                .put("created", created);
        ObjectNode metadata = refund.putObject("metadata");
        meta.forEach(metadata::put);
        refunds.add(new StripeStandIn.Refund(id, intentId, requested, currency, meta, chargeId, created));
        return new StripeAnswer(200, Json.write(refund));
    }

    /** The decline a test payment method stands for (pm_card_[brand_]chargeDeclined[Reason]), null to succeed. */
    static String declineCode(String paymentMethod) {
        if (paymentMethod.startsWith("pm_card_authenticationRequired")) {
            return "authentication_required"; // off-session, nobody can authenticate
        }
        int at = paymentMethod.indexOf(DECLINED);
        if (at < 0) {
            return null;
        }
        String reason = paymentMethod.substring(at + DECLINED.length());
        if (reason.isEmpty()) {
            return "generic_decline";
        }
        StringBuilder snake = new StringBuilder();
        for (char c : reason.toCharArray()) {
            if (Character.isUpperCase(c) && !snake.isEmpty()) {
                snake.append('_');
            }
            snake.append(Character.toLowerCase(c));
        }
        return snake.toString();
    }
}
