package com.ccs.workflows.activateservice;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The contracts and vehicles tables as activation uses them. */
public interface FleetStore {

    /** The contract, read strongly consistent; empty when it does not exist. */
    Optional<ContractRecord> findContract(String contractId);

    /** Writes (creates or replaces) the vehicle items; all of them are stored when this returns. */
    void registerVehicles(List<ActiveVehicle> vehicles);

    /**
     * Marks the contract active with {@code vehiclesRegistered}, keeping an {@code activated_at} already set and
     * otherwise setting {@code activatedAt}; returns the stored {@code activated_at}.
     *
     * @throws ContractNotFoundException when the contract does not exist (it is not created by this call)
     */
    Instant markActive(String contractId, Instant activatedAt, int vehiclesRegistered);
}
