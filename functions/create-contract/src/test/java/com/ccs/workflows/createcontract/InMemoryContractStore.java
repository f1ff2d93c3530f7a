package com.ccs.workflows.createcontract;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The contracts table as three maps behind one lock, with the same all-or-nothing, never-overwrite insert. */
class InMemoryContractStore implements ContractStore {
    private final Map<String, String> markers = new HashMap<>();
    private final Map<String, Contract> contracts = new HashMap<>();
    private final Map<Integer, Long> counters = new HashMap<>();

    @Override
    public synchronized Optional<Contract> findByExecution(String executionId) {
        return Optional.ofNullable(markers.get(executionId)).map(contracts::get);
    }

    @Override
    public synchronized long nextSequence(int year) {
        return counters.merge(year, 1L, Long::sum);
    }

    @Override
    public synchronized InsertOutcome insert(Contract contract) {
        if (markers.containsKey(contract.request().executionId())) {
            return InsertOutcome.EXECUTION_ALREADY_RECORDED;
        }
        if (contracts.containsKey(contract.contractId())) {
            return InsertOutcome.CONTRACT_ID_TAKEN;
        }
        markers.put(contract.request().executionId(), contract.contractId());
        contracts.put(contract.contractId(), contract);
        return InsertOutcome.INSERTED;
    }

    synchronized int contractCount() {
        return contracts.size();
    }

    synchronized long counter(int year) {
        return counters.getOrDefault(year, 0L);
    }
}
