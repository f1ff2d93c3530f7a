package com.ccs.workflows.activateservice;

import com.ccs.workflows.contract.ContractVehicle;
import java.util.List;
import java.util.Objects;

/**
 * Activate the service of a contract for {@code numberOfVehicles} vehicles (the contracted fleet size) and
 * register the {@code vehicles} known at signing, at most that many, plates normalised and unique.
 */
public record ActivationRequest(
        String contractId, String customerId, int numberOfVehicles, List<ContractVehicle> vehicles) {
    public ActivationRequest {
        Objects.requireNonNull(contractId, "contractId");
        Objects.requireNonNull(customerId, "customerId");
        vehicles = List.copyOf(vehicles);
    }
}
