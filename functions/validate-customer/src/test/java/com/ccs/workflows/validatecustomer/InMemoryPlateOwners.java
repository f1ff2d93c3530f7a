package com.ccs.workflows.validatecustomer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Plate holders in memory; records what it was asked, so tests can tell whether it was. */
final class InMemoryPlateOwners implements PlateOwners {
    private final Map<String, ActivePlate> active = new HashMap<>();
    final List<Collection<String>> asked = new ArrayList<>();

    InMemoryPlateOwners holds(String plate, String customerId, String contractId) {
        active.put(plate, new ActivePlate(plate, customerId, contractId));
        return this;
    }

    @Override
    public Map<String, ActivePlate> activeHolders(Collection<String> plates) {
        asked.add(List.copyOf(plates));
        Map<String, ActivePlate> found = new HashMap<>();
        plates.stream().filter(active::containsKey).forEach(plate -> found.put(plate, active.get(plate)));
        return found;
    }
}
