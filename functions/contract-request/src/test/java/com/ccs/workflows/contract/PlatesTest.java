package com.ccs.workflows.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlatesTest {

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource({
        "ABC123, ABC123",
        "ABC-123, ABC123",
        "abc-123, ABC123",
        "aBc123, ABC123",
        "' XYZ-987 ', XYZ987",
        "ABC 123, ABC123",
        "abc12d, ABC12D",
        "ABC-12D, ABC12D",
        "R12345, R12345",
        "s-12345, S12345",
        "S 54321, S54321"
    })
    void normalisesColombianPlates(String raw, String normalised) {
        assertThat(Plates.normalise(raw)).contains(normalised);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "AB-1234",
                "ABCD123",
                "AB123",
                "ABC12",
                "ABC1234",
                "ABC  123",
                "ABC--123",
                "ABC_123",
                "123ABC",
                "XYZ7A8",
                "ÁBC123",
                "",
                "ABC-12-3",
                "ABC- 123",
                "T12345",
                "R1234",
                "R123456",
                "RS12345",
                "\uFB00A123",
                "AB C123"
            })
    void rejectsEverythingElse(String raw) {
        assertThat(Plates.normalise(raw)).isEmpty();
    }
}
