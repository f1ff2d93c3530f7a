package com.ccs.workflows.activateservice;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The contracts and vehicles tables as activation uses them. */
public interface FleetStore {

    /** The contract, read strongly consistent; empty when it does not exist. */
    Optional<ContractRecord> findContract(String contractId);

    /**
     * Registers the vehicles of one contract of {@code customerId} as active, all or none. A plate is taken when it
     * is unknown, no longer active, or active under the same customer (a plate moving to the customer's new
     * contract); the plate's earlier item is kept on the new one, so that a registration undone puts it back.
     * Registering the same vehicles again changes nothing.
     *
     * @param release whether a failed registration undoes what this contract registered (false once the contract
     *                is active: its vehicles must stay)
     * @throws PlateOwnedByAnotherCustomerException when a plate is active under another customer, checked before
     *                                              writing and again by each conditional write
     */
    void registerVehicles(String customerId, List<ActiveVehicle> vehicles, boolean release);

    /**
     * Marks the contract active with {@code vehiclesRegistered}, keeping an {@code activated_at} already set and
     * otherwise setting {@code activatedAt}; returns the stored {@code activated_at}.
     *
     * @throws ContractNotFoundException when the contract does not exist (it is not created by this call)
     */
    Instant markActive(String contractId, Instant activatedAt, int vehiclesRegistered);
}
