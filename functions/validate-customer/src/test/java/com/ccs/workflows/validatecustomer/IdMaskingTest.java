package com.ccs.workflows.validatecustomer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class IdMaskingTest {

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource({
            "900123456-8, 90012****8",
            "900.123.456-8, 90012****8",
            "52123456, 5212***6",
            "AB1234567, AB12****7",
            "12345, 12**5",
            "1234, ****",
            "'', ''"
    })
    void keepsOnlyTheEdgesVisible(String id, String masked) {
        assertThat(IdMasking.mask(id)).isEqualTo(masked);
    }

    @org.junit.jupiter.api.Test
    void nullIsEmpty() {
        assertThat(IdMasking.mask(null)).isEmpty();
    }
}
