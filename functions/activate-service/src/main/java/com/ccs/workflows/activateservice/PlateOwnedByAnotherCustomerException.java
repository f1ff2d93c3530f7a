package com.ccs.workflows.activateservice;

import java.util.List;

/**
 * A plate of the contract is active under another customer's contract: a plate belongs to one customer at a time.
 * Validation refuses such a request before payment; this is the same rule enforced by the conditional write, for
 * two contracts that passed validation together and race for one plate. Not transient: the state machine does not
 * retry it ({@code com.ccs.workflows.activateservice.PlateOwnedByAnotherCustomerException}) and refunds the
 * payment. Nothing of this activation stays written when it is thrown.
 */
public final class PlateOwnedByAnotherCustomerException extends RuntimeException {
    private final List<String> plates;

    public PlateOwnedByAnotherCustomerException(List<String> plates) {
        // The plates are this request's own (normalised, short); the other customer is not named.
        super((plates.size() == 1
                        ? "plate " + plates.getFirst() + " is"
                        : "plates " + String.join(", ", plates.subList(0, Math.min(plates.size(), 20)))
                                + (plates.size() > 20 ? " and " + (plates.size() - 20) + " more" : "") + " are")
                + " active under another customer's contract; a plate belongs to one customer at a time");
        this.plates = List.copyOf(plates);
    }

    public List<String> plates() {
        return plates;
    }
}
