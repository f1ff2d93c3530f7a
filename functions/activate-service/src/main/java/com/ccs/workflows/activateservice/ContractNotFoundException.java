package com.ccs.workflows.activateservice;

/**
 * The contract to activate is not in the contracts table. Not transient: retrying cannot create it, so the state
 * machine does not retry this error ({@code com.ccs.workflows.activateservice.ContractNotFoundException}) and
 * routes it to a failure state. Nothing has been written when it is thrown.
 */
public final class ContractNotFoundException extends RuntimeException {
    private final String contractId;

    public ContractNotFoundException(String contractId) {
        // A long id is shown by its length only: the message goes to the execution history and must stay small.
        super("contract " + (contractId.length() <= 64 ? contractId : "id of " + contractId.length() + " characters")
                + " does not exist");
        this.contractId = contractId;
    }

    public String contractId() {
        return contractId;
    }
}
