package com.ccs.workflows.activateservice;

import com.ccs.workflows.shared.event.EventFields;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code {"contract_id", "customer_id", "number_of_vehicles", "vehicles": [{"plate", "model"}]}}.
 * {@code vehicles} may be empty or absent (no plates known yet) but never longer than {@code number_of_vehicles};
 * plates are normalised ({@code ABC-123} becomes {@code ABC123}) and must be unique after normalising.
 */
final class ActivationEvent {
    private ActivationEvent() {
    }

    static ActivationRequest parse(Map<String, Object> event) {
        EventFields root = EventFields.of(event);
        String contractId = root.requiredString("contract_id");
        String customerId = root.requiredString("customer_id");
        long fleet = root.requiredLong("number_of_vehicles");
        if (fleet < 1 || fleet > Integer.MAX_VALUE) {
            throw root.invalid("number_of_vehicles", "must be at least 1, got " + fleet);
        }
        List<EventFields> listed = root.objectList("vehicles");
        if (listed.size() > fleet) {
            throw root.invalid("vehicles", "lists " + listed.size() + " vehicles but number_of_vehicles is " + fleet
                    + ": a contract registers at most its contracted fleet");
        }
        List<Vehicle> vehicles = new ArrayList<>(listed.size());
        Map<String, String> seen = new HashMap<>();
        for (EventFields item : listed) {
            String raw = item.requiredString("plate");
            String plate = Plates.normalise(raw).orElseThrow(() -> item.invalid("plate",
                    "must be a Colombian plate such as ABC123 or ABC-123, got "
                            + (raw.length() <= 20 ? "\"" + raw + "\"" : "a value of " + raw.length() + " characters")));
            String first = seen.putIfAbsent(plate, item.pathOf("plate"));
            if (first != null) {
                throw item.invalid("plate", plate + " is listed twice (also at " + first + ")");
            }
            vehicles.add(new Vehicle(plate, item.optionalString("model").orElse(null)));
        }
        return new ActivationRequest(contractId, customerId, (int) fleet, vehicles);
    }
}
