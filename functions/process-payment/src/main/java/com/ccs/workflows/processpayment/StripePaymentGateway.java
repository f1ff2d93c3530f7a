package com.ccs.workflows.processpayment;

import com.ccs.workflows.errors.DependencyUnavailableException;
import com.ccs.workflows.shared.observability.Observability;
import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.StripeException;
import com.stripe.net.ApiResource;
import com.stripe.net.RawRequestOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@link PaymentGateway} on Stripe's PaymentIntents API: one create-and-confirm call charging the customer's
 * saved payment method off-session (the customer is not present, so nothing can ask for 3-D Secure; a card
 * that needs it is declined with {@code authentication_required}).
 *
 * <p>The {@link StripeClient} is built on the first charge of a container, when the key has been read, and
 * reused by every later one; it is rebuilt only if Stripe rejects the key and Secrets Manager then holds
 * another (a rotation). The idempotency key goes with each request through {@link RawRequestOptions}.
 */
public final class StripePaymentGateway implements PaymentGateway {
    private static final Logger LOG = LoggerFactory.getLogger(StripePaymentGateway.class);

    private final StripeSettings settings;
    private final StripeApiKeySource keys;
    private volatile KeyedClient keyedClient;

    private record KeyedClient(String apiKey, StripeClient client) {
    }

    public StripePaymentGateway(StripeSettings settings, StripeApiKeySource keys) {
        this.settings = settings;
        this.keys = keys;
    }

    @Override
    public PaymentOutcome charge(ChargeCommand command) {
        String key = keys.current();
        try {
            return chargeWith(key, command);
        } catch (PaymentProviderCredentialsException rejected) {
            String reread = keys.refresh();
            if (reread.equals(key)) {
                throw rejected;
            }
            LOG.warn("Stripe rejected the cached key and the secret now holds another one; retrying with it");
            return chargeWith(reread, command);
        }
    }

    private StripeClient clientFor(String apiKey) {
        KeyedClient current = keyedClient;
        if (current == null || !current.apiKey().equals(apiKey)) {
            current = new KeyedClient(apiKey, settings.newClient(apiKey));
            keyedClient = current;
        }
        return current.client();
    }

    private PaymentOutcome chargeWith(String apiKey, ChargeCommand command) {
        StripeClient client = clientFor(apiKey);
        RawRequestOptions options = RawRequestOptions.builder().setIdempotencyKey(command.idempotencyKey()).build();
        try {
            StripeIntent created = Observability.traced("Stripe.CreatePaymentIntent",
                    () -> unchecked(() -> create(client, command, options)));
            if (!"processing".equals(created.status())) {
                return outcome(created, command);
            }
            // An idempotent replay returns the first answer again, so ask for the intent's current state.
            StripeIntent current = unchecked(() -> retrieve(client, created.id()));
            return outcome(current, command);
        } catch (StripeFailure failure) {
            if (failure.getCause() instanceof CardException declined) {
                return StripeErrors.declined(declined);
            }
            StripeException cause = (StripeException) failure.getCause();
            Optional<PaymentOutcome.Declined> refusedAmount = StripeErrors.amountRefused(cause);
            if (refusedAmount.isPresent()) {
                return refusedAmount.get();
            }
            LOG.warn("Stripe call failed: {} {} (request {})", cause.getStatusCode() == null ? "no response"
                    : "HTTP " + cause.getStatusCode(), cause.getClass().getSimpleName(), cause.getRequestId());
            throw StripeErrors.translate(cause);
        }
    }

    /**
     * Creates and confirms the PaymentIntent through Stripe's client (authentication, idempotency key, error
     * mapping, telemetry) as a raw request: the answer is read by {@link StripeIntent}, not bound to the SDK's model.
     */
    static StripeIntent create(StripeClient client, ChargeCommand command, RawRequestOptions options) throws StripeException {
        return StripeIntent.parse(client.rawRequest(ApiResource.RequestMethod.POST, "/v1/payment_intents",
                PaymentIntentForm.of(command), options).body());
    }

    private static StripeIntent retrieve(StripeClient client, String id) throws StripeException {
        return StripeIntent.parse(client.rawRequest(ApiResource.RequestMethod.GET,
                "/v1/payment_intents/" + URLEncoder.encode(id, StandardCharsets.UTF_8), null).body());
    }

    /** Maps the PaymentIntent's status; only {@code succeeded} is money taken. */
    static PaymentOutcome outcome(StripeIntent intent, ChargeCommand command) {
        String status = intent.status();
        return switch (status == null ? "" : status) {
            case "succeeded" -> new PaymentOutcome.Succeeded(intent.id(),
                    intent.amount() == null ? command.amountMinor() : intent.amount(),
                    intent.currency() == null ? command.currency() : intent.currency());
            case "requires_payment_method" -> lastError(intent);
            case "requires_action", "requires_confirmation" -> new PaymentOutcome.Declined("authentication_required",
                    "The payment needs the customer's authentication, which an off-session charge cannot ask for.");
            case "canceled" -> new PaymentOutcome.Declined("canceled", "The payment was canceled.");
            case "processing" -> throw new DependencyUnavailableException(StripeErrors.DEPENDENCY,
                    "payment " + intent.id() + " is still processing", null);
            default -> throw new PaymentRequestRejectedException("unexpected_status",
                    "Stripe answered with PaymentIntent " + intent.id() + " in status '" + status
                            + "', which this function does not expect for an automatic-capture charge", null);
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
