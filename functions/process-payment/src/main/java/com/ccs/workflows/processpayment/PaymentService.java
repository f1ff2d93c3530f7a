package com.ccs.workflows.processpayment;

import com.ccs.workflows.shared.observability.Observability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Charges a signed contract: turns the request into the provider's terms (minor units, idempotency key
 * derived from the contract, metadata linking the payment back to the contract) and reports the outcome.
 * At most one charge per contract, whatever the number of retries, because the key never changes.
 */
public final class PaymentService {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentService.class);

    private final PaymentGateway gateway;

    public PaymentService(PaymentGateway gateway) {
        this.gateway = gateway;
    }

    public PaymentOutcome charge(PaymentRequest request) {
        ChargeCommand command = ChargeCommand.forContract(request);
        LOG.info("Charging {} {} minor units to the saved payment method", command.amountMinor(), command.currency());
        PaymentOutcome outcome = gateway.charge(command);
        switch (outcome) {
            case PaymentOutcome.Succeeded succeeded -> {
                LOG.info("Payment succeeded: {}", succeeded.transactionId());
                Observability.count("PaymentSucceeded");
            }
            case PaymentOutcome.Declined declined -> {
                LOG.info("Payment declined: {}", declined.declineCode());
                Observability.count("PaymentDeclined");
            }
        }
        return outcome;
    }
}
