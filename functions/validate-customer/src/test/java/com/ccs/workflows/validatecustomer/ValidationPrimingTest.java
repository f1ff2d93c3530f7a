package com.ccs.workflows.validatecustomer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValidationPrimingTest {

    @Test
    void validatesAValidAFaultyAndAnUnknownCompanyEveryRound() {
        // only the first request of each round is valid: the second has a wrong check digit and plate, the third's
        // company is not in the registry
        assertThat(ValidationPriming.prime(3)).isEqualTo(new ValidationPriming.Report(9, 3));
    }
}
