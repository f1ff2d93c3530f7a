package com.ccs.workflows.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdMaskingTest {

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource({
        "900123456-8, ******4568",
        "900.123.456-8, ******4568",
        "52123456, *****456",
        "AB1234567, *****4567",
        "123456, ****56",
        "12345, ***45",
        "1234, ****",
        "'', ''"
    })
    void keepsAtMostTheLastFourAndFewerThanHalfVisible(String id, String masked) {
        assertThat(IdMasking.mask(id)).isEqualTo(masked);
    }

    @org.junit.jupiter.api.Test
    void nullIsEmpty() {
        assertThat(IdMasking.mask(null)).isEmpty();
    }
}
