package com.ccs.workflows.integration.stack;

import com.ccs.workflows.localrunner.deployment.LocalDeployment;
import com.ccs.workflows.localrunner.faults.Faults;
import com.ccs.workflows.localrunner.standins.QueuePipe;
import com.ccs.workflows.localrunner.standins.RegistryStandIn;
import com.ccs.workflows.localrunner.standins.StripeStandIn;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** What a scenario can do to a deployment run by the local runner, beyond the AWS APIs. */
public final class LocalControls {
    private final LocalDeployment deployment;
    private final Faults faults;

    LocalControls(LocalDeployment deployment, Faults faults) {
        this.deployment = deployment;
        this.faults = faults;
    }

    /** Faults injected into the AWS calls of state machines and functions, and into function invocations. */
    public Faults faults() {
        return faults;
    }

    /** The company registry validate-customer asks. */
    public RegistryStandIn registry() {
        return deployment.registry();
    }

    /** The Stripe test-mode stand-in (validated by stripe-mock where one runs): it counts every PaymentIntent. */
    public StripeStandIn stripe() {
        return deployment.stripe();
    }

    /**
     * From now on, a task token nobody answers reaches its timeout at once (a 24 h approval window closes in
     * milliseconds); {@code false} restores real time for such waits.
     */
    public void letWaitsRunOut(boolean runOut) {
        deployment.clock().skipCallbackWaits(runOut);
    }

    /** Every PaymentIntent created for a contract (declined ones included), in order. */
    public List<StripeStandIn.Charge> chargesFor(String contractId) {
        return stripe().charges().stream()
                .filter(c -> contractId.equals(c.metadata().get("contract_id")))
                .toList();
    }

    /** What a contract's charges hold at Stripe, in minor units: succeeded charges not refunded since. */
    public long keptFor(String contractId) {
        Set<String> refunded = stripe().refunds().stream()
                .map(StripeStandIn.Refund::paymentIntentId)
                .collect(Collectors.toSet());
        return chargesFor(contractId).stream()
                .filter(c -> c.status().equals("succeeded"))
                .filter(c -> !refunded.contains(c.paymentIntentId()))
                .mapToLong(StripeStandIn.Charge::amount)
                .sum();
    }

    /** The refunds of a contract's charges. */
    public List<StripeStandIn.Refund> refundsFor(String contractId) {
        Set<String> charged = chargesFor(contractId).stream()
                .map(StripeStandIn.Charge::paymentIntentId)
                .collect(Collectors.toSet());
        return stripe().refunds().stream()
                .filter(r -> charged.contains(r.paymentIntentId()))
                .toList();
    }

    /** Starts the template's SQS-to-Step-Functions pipes (the emergency events queue). */
    public List<QueuePipe> startPipes(int pollers) {
        return deployment.startPipes(pollers);
    }

    /** The deployment itself, for what the scenarios do not cover. */
    public LocalDeployment deployment() {
        return deployment;
    }
}
