package com.ccs.workflows.validatecustomer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PlatesTest {

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource({
            "ABC123, ABC123",
            "ABC-123, ABC123",
            "abc-123, ABC123",
            "aBc123, ABC123",
            "' XYZ-987 ', XYZ987"
    })
    void normalisesColombianPlates(String raw, String normalised) {
        assertThat(Plates.normalise(raw)).contains(normalised);
    }

    @ParameterizedTest
    @ValueSource(strings = {"AB-1234", "ABCD123", "AB123", "ABC12", "ABC1234", "ABC 123", "ABC--123", "ABC_123",
            "123ABC", "XYZ78A", "ÁBC123", "", "ABC-12-3"})
    void rejectsEverythingElse(String raw) {
        assertThat(Plates.normalise(raw)).isEmpty();
    }
}
