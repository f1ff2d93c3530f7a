package com.ccs.workflows.activateservice;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Contracts and vehicles as maps behind one lock, with the store's rules: the keep-the-first-activation update, a
 * plate taken only when free, inactive or the same customer's, all or none per registration.
 */
class InMemoryFleetStore implements FleetStore {
    /** A contract as activation sees and changes it. */
    record StoredContract(String customerId, String status, Instant activatedAt, Integer vehiclesRegistered) {}

    private final Map<String, StoredContract> contracts = new HashMap<>();
    private final Map<String, ActiveVehicle> vehicles = new HashMap<>();

    synchronized void addContract(String contractId, String customerId) {
        contracts.put(contractId, new StoredContract(customerId, "paid", null, null));
    }

    synchronized void addVehicle(ActiveVehicle vehicle) {
        vehicles.put(vehicle.plate(), vehicle);
    }

    synchronized StoredContract contract(String contractId) {
        return contracts.get(contractId);
    }

    synchronized Map<String, ActiveVehicle> vehicles() {
        return Map.copyOf(vehicles);
    }

    @Override
    public synchronized Optional<ContractRecord> findContract(String contractId) {
        return Optional.ofNullable(contracts.get(contractId))
                .map(c -> new ContractRecord(contractId, c.customerId(), Optional.ofNullable(c.activatedAt())));
    }

    @Override
    public synchronized void registerVehicles(String customerId, List<ActiveVehicle> list, boolean release) {
        List<String> held = new ArrayList<>();
        for (ActiveVehicle vehicle : list) {
            ActiveVehicle current = vehicles.get(vehicle.plate());
            if (current != null && !current.customerId().equals(customerId)) {
                held.add(vehicle.plate());
            }
        }
        if (!held.isEmpty()) {
            throw new PlateOwnedByAnotherCustomerException(held);
        }
        list.forEach(v -> vehicles.put(v.plate(), v));
    }

    @Override
    public synchronized Instant markActive(String contractId, Instant activatedAt, int vehiclesRegistered) {
        StoredContract current = contracts.get(contractId);
        if (current == null) {
            throw new ContractNotFoundException(contractId);
        }
        Instant kept = current.activatedAt() != null ? current.activatedAt() : activatedAt;
        contracts.put(contractId, new StoredContract(current.customerId(), "active", kept, vehiclesRegistered));
        return kept;
    }

    /** Every vehicle by plate, for scenarios that look beyond one contract. */
    synchronized Map<String, ActiveVehicle> byPlate() {
        return new HashMap<>(vehicles);
    }
}
