package com.ccs.workflows.validatecustomer;

import java.util.Collection;
import java.util.Map;

/**
 * Who holds a plate now: the vehicles table as validation reads it. A plate belongs to one customer at a time, so
 * a request listing a plate that is active under another customer's contract is refused before approval and
 * payment (activate-service enforces the same rule again with a conditional write).
 */
public interface PlateOwners {

    /**
     * The plates among {@code plates} (normalised) that are active under a contract, with their holder; a plate
     * that is unknown or no longer active is absent.
     *
     * @throws com.ccs.workflows.errors.DependencyUnavailableException when the table cannot answer now
     */
    Map<String, ActivePlate> activeHolders(Collection<String> plates);

    /** A plate registered as active under {@code contractId} of {@code customerId}. */
    record ActivePlate(String plate, String customerId, String contractId) {}
}
