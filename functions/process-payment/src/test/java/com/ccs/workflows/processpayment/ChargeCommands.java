package com.ccs.workflows.processpayment;

import java.math.BigDecimal;
import java.util.Optional;

/** Charge commands as the service makes them, for the gateway's tests: one part, stack "stack-1". */
final class ChargeCommands {
    static final String CUSTOMER = "cus_Q7xKcT2mJ9aB4d";

    private ChargeCommands() {}

    static ChargeCommand of(String contractId, String pesos) {
        ContractCharges charges = new ContractCharges("stack-1", contractId, "CUST-98765", Optional.of("credit_card"));
        return new ChargeCommand(
                charges.chargeKey(1, 1),
                CUSTOMER,
                "pm_card_visa",
                StripeCurrency.COP.toMinorUnits(new BigDecimal(pesos)),
                "cop",
                charges.description(1, 1),
                charges.metadata(1, 1));
    }
}
