package com.ccs.workflows.contract;

import java.util.Objects;

/** A vehicle listed in a contract request: its plate in the normalised form ({@link Plates}) and its model. */
public record ContractVehicle(String plate, String model) {
    public ContractVehicle {
        Objects.requireNonNull(plate, "plate");
        Objects.requireNonNull(model, "model");
    }
}
