package com.ccs.workflows.validatecustomer;

import com.ccs.workflows.contract.Nit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** A registry held in memory for unit tests; it records which NITs were asked about. */
final class InMemoryCompanyRegistry implements CompanyRegistry {
    private final Map<String, Supplier<RegistryLookup>> answers = new HashMap<>();
    final List<String> asked = new ArrayList<>();

    InMemoryCompanyRegistry register(String nit, String name, RegistryStatus status) {
        answers.put(nit, () -> new RegistryLookup.Registered(nit, name, status));
        return this;
    }

    InMemoryCompanyRegistry failWith(String nit, RuntimeException failure) {
        answers.put(nit, () -> {
            throw failure;
        });
        return this;
    }

    @Override
    public RegistryLookup lookup(Nit nit) {
        asked.add(nit.base());
        return answers.getOrDefault(nit.base(), () -> new RegistryLookup.NotRegistered(nit.base()))
                .get();
    }
}
