package com.ccs.workflows.localrunner.deployment;

import com.ccs.workflows.localrunner.faults.Faults;
import com.ccs.workflows.localrunner.standins.StripeStandIn;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * How to deploy template.yaml locally ({@link LocalDeployment#start}).
 *
 * @param endpoint an AWS endpoint for every AWS call (state machines and functions alike), null for the
 *     embedded backends
 * @param stripeBaseUrl Stripe's API base for process-payment (e.g. stripe-mock), null for the stand-in
 * @param stripeValidator a Stripe API (stripe-mock) the stand-in first sends every request to, so that
 *     requests Stripe's API definition refuses are refused; null for none. Ignored with {@code stripeBaseUrl}.
 * @param warm initialise a container of every function at deploy time (see {@link #warmFor})
 * @param functionLog where the functions' Lambda logger lines go
 * @param faults faults to inject into AWS calls and function invocations, null for none
 * @param sharedStripe a Stripe stand-in another deployment started, used instead of one of this deployment's
 *     own (two stacks on one Stripe account) and left open at close; null for none. {@code stripeBaseUrl} and
 *     {@code stripeValidator} are ignored with it.
 */
public record DeploymentOptions(
        Path projectDir,
        URI endpoint,
        URI stripeBaseUrl,
        URI stripeValidator,
        Map<String, String> parameters,
        boolean warm,
        PrintStream functionLog,
        Faults faults,
        StripeStandIn sharedStripe) {

    public static DeploymentOptions defaults(Path projectDir) {
        return new DeploymentOptions(projectDir, null, null, null, Map.of(), false, System.err, null, null);
    }

    public DeploymentOptions withEndpoint(URI newEndpoint) {
        return new DeploymentOptions(
                projectDir,
                newEndpoint,
                stripeBaseUrl,
                stripeValidator,
                parameters,
                warm,
                functionLog,
                faults,
                sharedStripe);
    }

    public DeploymentOptions withStripeBaseUrl(URI url) {
        return new DeploymentOptions(
                projectDir, endpoint, url, stripeValidator, parameters, warm, functionLog, faults, sharedStripe);
    }

    public DeploymentOptions withStripeValidator(URI url) {
        return new DeploymentOptions(
                projectDir, endpoint, stripeBaseUrl, url, parameters, warm, functionLog, faults, sharedStripe);
    }

    /**
     * Process-payment talks to {@code shared}, the stand-in another deployment started
     * ({@link LocalDeployment#stripe()}): one Stripe account for both, its {@code created} times on the clock of
     * the deployment that started it.
     */
    public DeploymentOptions withStripe(StripeStandIn shared) {
        return new DeploymentOptions(
                projectDir, endpoint, stripeBaseUrl, stripeValidator, parameters, warm, functionLog, faults, shared);
    }

    public DeploymentOptions withParameters(Map<String, String> newParameters) {
        return new DeploymentOptions(
                projectDir,
                endpoint,
                stripeBaseUrl,
                stripeValidator,
                newParameters,
                warm,
                functionLog,
                faults,
                sharedStripe);
    }

    public DeploymentOptions withWarm(boolean newWarm) {
        return new DeploymentOptions(
                projectDir,
                endpoint,
                stripeBaseUrl,
                stripeValidator,
                parameters,
                newWarm,
                functionLog,
                faults,
                sharedStripe);
    }

    public DeploymentOptions withFunctionLog(PrintStream log) {
        return new DeploymentOptions(
                projectDir, endpoint, stripeBaseUrl, stripeValidator, parameters, warm, log, faults, sharedStripe);
    }

    public DeploymentOptions withFaults(Faults newFaults) {
        return new DeploymentOptions(
                projectDir,
                endpoint,
                stripeBaseUrl,
                stripeValidator,
                parameters,
                warm,
                functionLog,
                newFaults,
                sharedStripe);
    }
}
