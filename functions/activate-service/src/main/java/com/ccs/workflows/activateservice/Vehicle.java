package com.ccs.workflows.activateservice;

import java.util.Objects;

/** A vehicle listed in the request: its normalised plate ({@code ABC123}) and its model, null when not given. */
public record Vehicle(String plate, String model) {
    public Vehicle {
        Objects.requireNonNull(plate, "plate");
    }
}
