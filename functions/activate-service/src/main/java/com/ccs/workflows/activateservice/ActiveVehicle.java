package com.ccs.workflows.activateservice;

import java.time.Instant;

/** An item of the vehicles table: a registered plate, active under a contract since {@code activatedAt}. */
public record ActiveVehicle(String plate, String contractId, String customerId, String model, Instant activatedAt) {
    public static final String ACTIVE = "active";
}
