package com.ccs.workflows.validatecustomer;

/** The company registry's answer for one NIT. */
public sealed interface RegistryLookup {

    /** The registry knows the company; {@code status} is ACTIVE, INACTIVE or SUSPENDED; {@code name} may be empty. */
    record Registered(String nit, String name, RegistryStatus status) implements RegistryLookup {
        public Registered {
            if (status != RegistryStatus.ACTIVE
                    && status != RegistryStatus.INACTIVE
                    && status != RegistryStatus.SUSPENDED) {
                throw new IllegalArgumentException(
                        "a registered company is ACTIVE, INACTIVE or SUSPENDED, not " + status);
            }
            name = name == null ? "" : name;
        }
    }

    /** The registry has no company with this NIT. */
    record NotRegistered(String nit) implements RegistryLookup {}
}
