package com.ccs.workflows.activateservice;

import java.time.Instant;

/**
 * The contract is active for {@code vehiclesActivated} vehicles (the contracted fleet), {@code vehiclesRegistered}
 * of which are registered by plate; {@code activatedAt} is the time of the first activation.
 */
public record ActivationResult(String contractId, int vehiclesActivated, int vehiclesRegistered, Instant activatedAt) {}
