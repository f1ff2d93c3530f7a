package com.ccs.workflows.processpayment;

import com.ccs.workflows.errors.DependencyUnavailableException;
import com.ccs.workflows.shared.event.MiniJson;
import com.ccs.workflows.shared.observability.Observability;
import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.StripeException;
import com.stripe.net.ApiResource;
import com.stripe.net.RawRequestOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PaymentGateway} on Stripe's API, through Stripe's client (authentication, idempotency keys, error mapping)
 * with raw requests whose answers {@link MiniJson} reads:
 * <ul>
 *   <li>the customer: Customer Search on metadata {@code ccs_customer_id}; its card: the customer's
 *   {@code invoice_settings.default_payment_method}, else its {@code default_source}, else its only saved card;</li>
 *   <li>a charge: one PaymentIntent created and confirmed off-session (the customer is not present, so nothing can
 *   ask for 3-D Secure; a card that needs it is declined with {@code authentication_required});</li>
 *   <li>the customer's charges: the PaymentIntents list (strongly consistent, unlike search) filtered by creation
 *   time, each with its latest charge expanded to see refunds;</li>
 *   <li>a refund: one Refund per PaymentIntent; {@code charge_already_refunded} means done.</li>
 * </ul>
 *
 * <p>The {@link StripeClient} is built on the first call of a container, when the key has been read, and reused;
 * it is rebuilt only if Stripe rejects the key and Secrets Manager then holds another (a rotation).
 */
public final class StripePaymentGateway implements PaymentGateway {
    private static final Logger LOG = LoggerFactory.getLogger(StripePaymentGateway.class);
    static final String CUSTOMER_METADATA = "ccs_customer_id";
    private static final int PAGE = 100;

    private final Function<String, StripeClient> clients;
    private final StripeApiKeySource keys;
    private volatile KeyedClient keyedClient;

    private record KeyedClient(String apiKey, StripeClient client) {}

    /** A call to Stripe with the container's client and the key it was built with. */
    private interface KeyedCall<T> {
        T call(StripeClient client, RawRequestOptions.RawRequestOptionsBuilder options);
    }

    public StripePaymentGateway(StripeSettings settings, StripeApiKeySource keys) {
        this(settings::newClient, keys);
    }

    /** @param clients builds the client for a key (priming passes one on an in-memory Stripe) */
    StripePaymentGateway(Function<String, StripeClient> clients, StripeApiKeySource keys) {
        this.clients = clients;
        this.keys = keys;
    }

    @Override
    public CustomerLookup findCustomer(String customerId) {
        String query = "metadata['" + CUSTOMER_METADATA + "']:'" + customerId + "'";
        Map<String, Object> page =
                get("Stripe.SearchCustomers", "/v1/customers/search?query=" + encode(query) + "&limit=2");
        List<Map<String, Object>> found = objects(page.get("data"));
        return switch (found.size()) {
            case 0 -> new CustomerLookup.Missing();
            case 1 -> new CustomerLookup.Found(text(found.getFirst().get("id")));
            default ->
                new CustomerLookup.Ambiguous(
                        page.get("total_count") instanceof Long total ? Math.toIntExact(total) : found.size());
        };
    }

    @Override
    public Optional<String> defaultPaymentMethod(String stripeCustomerId) {
        Map<String, Object> customer = get("Stripe.RetrieveCustomer", "/v1/customers/" + encode(stripeCustomerId));
        if (customer.get("invoice_settings") instanceof Map<?, ?> settings) {
            Object method = settings.get("default_payment_method");
            String id = method instanceof Map<?, ?> expanded ? text(expanded.get("id")) : text(method);
            if (id != null) {
                return Optional.of(id);
            }
        }
        String source = customer.get("default_source") instanceof Map<?, ?> expanded
                ? text(expanded.get("id"))
                : text(customer.get("default_source"));
        if (source != null && source.startsWith("card_")) {
            return Optional.of(source);
        }
        List<Map<String, Object>> cards = objects(get(
                        "Stripe.ListPaymentMethods",
                        "/v1/customers/" + encode(stripeCustomerId) + "/payment_methods?type=card&limit=2")
                .get("data"));
        return cards.size() == 1 ? Optional.ofNullable(text(cards.getFirst().get("id"))) : Optional.empty();
    }

    @Override
    public List<ChargeRecord> chargesOf(String stripeCustomerId, Optional<Instant> since) {
        List<ChargeRecord> charges = new ArrayList<>();
        String after = null;
        while (true) {
            String path = "/v1/payment_intents?customer=" + encode(stripeCustomerId) + "&limit=" + PAGE
                    + since.map(t -> "&" + encode("created[gte]") + "=" + t.getEpochSecond())
                            .orElse("")
                    + "&" + encode("expand[]") + "=" + encode("data.latest_charge")
                    + (after == null ? "" : "&starting_after=" + encode(after));
            Map<String, Object> page = get("Stripe.ListPaymentIntents", path);
            List<Map<String, Object>> intents = objects(page.get("data"));
            for (Map<String, Object> intent : intents) {
                charges.add(record(intent));
            }
            if (!Boolean.TRUE.equals(page.get("has_more")) || intents.isEmpty()) {
                return charges;
            }
            after = text(intents.getLast().get("id"));
        }
    }

    @Override
    public PaymentOutcome charge(ChargeCommand command) {
        try {
            StripeIntent created = withKey((client, options) -> Observability.traced(
                    "Stripe.CreatePaymentIntent",
                    () -> unchecked(() -> create(
                            client,
                            command,
                            options.setIdempotencyKey(command.idempotencyKey()).build()))));
            if (!"processing".equals(created.status())) {
                return outcome(created, command);
            }
            // An idempotent replay returns the first answer again, so ask for the intent's current state.
            return outcome(
                    withKey((client, options) -> unchecked(() -> StripeIntent.parse(client.rawRequest(
                                    ApiResource.RequestMethod.GET,
                                    "/v1/payment_intents/" + encode(created.id()),
                                    null,
                                    options.build())
                            .body()))),
                    command);
        } catch (StripeFailure failure) {
            if (failure.getCause() instanceof CardException declined) {
                return StripeErrors.declined(declined);
            }
            StripeException cause = (StripeException) failure.getCause();
            Optional<PaymentOutcome.Declined> refusedAmount = StripeErrors.amountRefused(cause);
            if (refusedAmount.isPresent()) {
                return refusedAmount.get();
            }
            throw translated(cause);
        }
    }

    @Override
    public void refund(RefundCommand command) {
        StringBuilder form = new StringBuilder("payment_intent=" + encode(command.paymentIntentId()));
        new TreeMap<>(command.metadata())
                .forEach((key, value) -> form.append('&')
                        .append(encode("metadata[" + key + "]"))
                        .append('=')
                        .append(encode(value)));
        try {
            withKey((client, options) -> Observability.traced(
                    "Stripe.CreateRefund",
                    () -> unchecked(() -> client.rawRequest(
                            ApiResource.RequestMethod.POST,
                            "/v1/refunds",
                            form.toString(),
                            options.setIdempotencyKey(command.idempotencyKey()).build()))));
        } catch (StripeFailure failure) {
            StripeException cause = (StripeException) failure.getCause();
            if ("charge_already_refunded".equals(cause.getCode())) {
                return;
            }
            throw translated(cause);
        }
    }

    /**
     * Creates and confirms the PaymentIntent through Stripe's client as a raw request: the answer is read by
     * {@link StripeIntent}, not bound to the SDK's model.
     */
    static StripeIntent create(StripeClient client, ChargeCommand command, RawRequestOptions options)
            throws StripeException {
        return StripeIntent.parse(client.rawRequest(
                        ApiResource.RequestMethod.POST, "/v1/payment_intents", PaymentIntentForm.of(command), options)
                .body());
    }

    /** Maps the PaymentIntent's status; only {@code succeeded} is money taken. */
    static PaymentOutcome outcome(StripeIntent intent, ChargeCommand command) {
        String status = intent.status();
        return switch (status == null ? "" : status) {
            case "succeeded" ->
                new PaymentOutcome.Succeeded(
                        intent.id(),
                        intent.amount() == null ? command.amountMinor() : intent.amount(),
                        intent.currency() == null ? command.currency() : intent.currency(),
                        intent.created());
            case "requires_payment_method" -> lastError(intent);
            case "requires_action", "requires_confirmation" ->
                new PaymentOutcome.Declined(
                        "authentication_required",
                        "The payment needs the customer's authentication, which an off-session charge cannot ask for.");
            case "canceled" -> new PaymentOutcome.Declined("canceled", "The payment was canceled.");
            case "processing" ->
                throw new DependencyUnavailableException(
                        StripeErrors.DEPENDENCY, "payment " + intent.id() + " is still processing", null);
            default ->
                throw new PaymentRequestRejectedException(
                        "unexpected_status",
                        "Stripe answered with PaymentIntent " + intent.id() + " in status '" + status
                                + "', which this function does not expect for an automatic-capture charge",
                        null);
        };
    }

    private static PaymentOutcome.Declined lastError(StripeIntent intent) {
        StripeIntent.LastError error = intent.lastError();
        if (error == null) {
            return new PaymentOutcome.Declined("payment_failed", "The payment method was not charged.");
        }
        return new PaymentOutcome.Declined(
                StripeErrors.firstNonBlank(error.declineCode(), error.code(), "payment_failed"),
                StripeErrors.firstNonBlank(error.message(), "The payment method was not charged."));
    }

    private static ChargeRecord record(Map<String, Object> intent) {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (intent.get("metadata") instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (key instanceof String k && value instanceof String v) {
                    metadata.put(k, v);
                }
            });
        }
        boolean refunded = intent.get("latest_charge") instanceof Map<?, ?> charge
                && (Boolean.TRUE.equals(charge.get("refunded"))
                        || charge.get("amount_refunded") instanceof Long amount && amount > 0);
        return new ChargeRecord(
                text(intent.get("id")),
                text(intent.get("status")),
                intent.get("created") instanceof Long created ? created : 0,
                metadata,
                refunded);
    }

    /** A GET whose JSON answer is read into maps; a failure is translated for the state machine. */
    private Map<String, Object> get(String operation, String path) {
        try {
            String body = withKey((client, options) -> Observability.traced(
                    operation,
                    () -> unchecked(() -> client.rawRequest(ApiResource.RequestMethod.GET, path, null, options.build())
                            .body())));
            return MiniJson.parseObject(body == null ? "" : body);
        } catch (StripeFailure failure) {
            throw translated((StripeException) failure.getCause());
        } catch (IllegalArgumentException unreadable) {
            throw new DependencyUnavailableException(
                    StripeErrors.DEPENDENCY,
                    "Stripe's answer to " + operation + " could not be read: " + unreadable.getMessage(),
                    null);
        }
    }

    /** Runs {@code call} with the cached key; once more with the secret read again when Stripe rejects the key. */
    private <T> T withKey(KeyedCall<T> call) {
        String key = keys.current();
        try {
            return call.call(clientFor(key), RawRequestOptions.builder().setApiKey(key));
        } catch (StripeFailure failure) {
            if (!(StripeErrors.translate((StripeException) failure.getCause())
                    instanceof PaymentProviderCredentialsException rejected)) {
                throw failure;
            }
            String reread = keys.refresh();
            if (reread.equals(key)) {
                throw rejected;
            }
            LOG.warn("Stripe rejected the cached key and the secret now holds another one; retrying with it");
            return call.call(clientFor(reread), RawRequestOptions.builder().setApiKey(reread));
        }
    }

    private StripeClient clientFor(String apiKey) {
        KeyedClient current = keyedClient;
        if (current == null || !current.apiKey().equals(apiKey)) {
            current = new KeyedClient(apiKey, clients.apply(apiKey));
            keyedClient = current;
        }
        return current.client();
    }

    private static RuntimeException translated(StripeException cause) {
        RuntimeException translated = StripeErrors.translate(cause);
        if (!(translated instanceof PaymentProviderCredentialsException)) {
            LOG.warn(
                    "Stripe call failed: {} {} (request {})",
                    cause.getStatusCode() == null ? "no response" : "HTTP " + cause.getStatusCode(),
                    cause.getClass().getSimpleName(),
                    cause.getRequestId());
        }
        return translated;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> objects(Object list) {
        if (!(list instanceof List<?> items)) {
            return List.of();
        }
        return items.stream()
                .filter(Map.class::isInstance)
                .map(item -> (Map<String, Object>) item)
                .toList();
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private interface StripeCall<T> {
        T call() throws StripeException;
    }

    /** Carries a checked StripeException through the Supplier that tracing takes. */
    private static final class StripeFailure extends RuntimeException {
        StripeFailure(StripeException cause) {
            super(cause);
        }
    }

    private static <T> T unchecked(StripeCall<T> call) {
        try {
            return call.call();
        } catch (StripeException e) {
            throw new StripeFailure(e);
        }
    }
}
