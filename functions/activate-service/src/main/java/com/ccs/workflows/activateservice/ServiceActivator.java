package com.ccs.workflows.activateservice;

import com.ccs.workflows.errors.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Activates a paid contract: registers its known vehicles as active, then marks the contract active.
 *
 * <p>Safe to run any number of times. The contract is read first, so an unknown contract fails before anything
 * is written; vehicle items are keyed by plate and fully rewritten, so a repeat leaves the same items; the
 * activation time is the one of the first activation, kept on the contract and copied onto every vehicle.
 * Vehicles go before the contract so that "active" on the contract means its vehicles are stored. A plate active
 * under another customer fails the activation ({@link PlateOwnedByAnotherCustomerException}) with nothing of it
 * left written, unless the contract was already active (a repeat), whose vehicles stay.
 */
public final class ServiceActivator {
    private final FleetStore store;
    private final Clock clock;

    public ServiceActivator(FleetStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ActivationResult activate(ActivationRequest request) {
        ContractRecord contract = store.findContract(request.contractId())
                .orElseThrow(() -> new ContractNotFoundException(request.contractId()));
        if (contract.customerId() != null && !contract.customerId().equals(request.customerId())) {
            // Neither customer id is echoed: the request's may be huge, the stored one is another customer's. The
            // contract id was just found in the table, so it is a real (short) id.
            throw new InvalidInputException(
                    "request.customer_id", "does not match the customer of contract " + request.contractId());
        }
        Instant activatedAt =
                contract.activatedAt().orElseGet(() -> clock.instant().truncatedTo(ChronoUnit.MILLIS));
        boolean firstActivation = contract.activatedAt().isEmpty();
        store.registerVehicles(request.customerId(), vehicles(request, activatedAt), firstActivation);
        Instant stored = store.markActive(
                request.contractId(), activatedAt, request.vehicles().size());
        if (!stored.equals(activatedAt)) {
            // A concurrent activation set the time first: align the vehicles with the contract.
            store.registerVehicles(request.customerId(), vehicles(request, stored), false);
        }
        return new ActivationResult(
                request.contractId(),
                request.numberOfVehicles(),
                request.vehicles().size(),
                stored);
    }

    private static List<ActiveVehicle> vehicles(ActivationRequest request, Instant activatedAt) {
        return request.vehicles().stream()
                .map(v -> new ActiveVehicle(
                        v.plate(), request.contractId(), request.customerId(), v.model(), activatedAt))
                .toList();
    }
}
