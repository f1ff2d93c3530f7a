package com.ccs.workflows.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ApprovalFormatTest {
    private static final ApprovalFormat ES = ApprovalFormat.of(ApprovalLanguage.ES_CO);
    private static final ApprovalFormat EN = ApprovalFormat.of(ApprovalLanguage.EN);
    /** 17:24:31 in Bogotá (UTC-5). */
    private static final Instant DEADLINE = Instant.parse("2026-12-07T22:24:31Z");

    @Test
    void pesosReadAsColombiaWritesThem() {
        assertThat(ES.pesos(15_000_000)).isEqualTo("$ 15.000.000 COP");
        assertThat(ES.pesos(960_000)).isEqualTo("$ 960.000 COP");
        assertThat(EN.pesos(15_000_000)).isEqualTo("$15,000,000 COP");
        assertThat(ES.pesos(2_000_000_000)).isEqualTo("$ 2.000.000.000 COP");
    }

    @Test
    void timesAreBogotasWithTheMonthShortAndNoPeriod() {
        assertThat(ES.dateTimeInBogota(DEADLINE)).isEqualTo("7 dic 2026, 17:24 (hora de Bogotá)");
        assertThat(EN.dateTimeInBogota(DEADLINE)).isEqualTo("7 Dec 2026, 17:24 (Bogotá time)");
        // Just after midnight UTC is still the evening before in Bogotá.
        assertThat(ES.dateTime(Instant.parse("2027-01-01T03:00:00Z"))).isEqualTo("31 dic 2026, 22:00");
        for (int month = 1; month <= 12; month++) {
            Instant first = Instant.parse(String.format("2026-%02d-15T17:00:00Z", month));
            assertThat(ES.dateTime(first)).doesNotContain(".");
            assertThat(EN.dateTime(first)).doesNotContain(".");
        }
    }

    @Test
    void theDeadlineSaysWhenAndHowLongIsLeftRoundedDown() {
        Instant now = DEADLINE.minus(Duration.ofHours(23)).minusSeconds(59 * 60);

        assertThat(ES.deadline(DEADLINE, now)).isEqualTo("vence el 7 dic 2026, 17:24 (hora de Bogotá), en 23 h");
        assertThat(EN.deadline(DEADLINE, now)).isEqualTo("due 7 Dec 2026, 17:24 (Bogotá time), in 23 h");
        assertThat(ES.deadline(DEADLINE, DEADLINE)).isEqualTo("venció el 7 dic 2026, 17:24 (hora de Bogotá)");
        assertThat(EN.deadline(DEADLINE, DEADLINE.plusSeconds(1))).isEqualTo("closed 7 Dec 2026, 17:24 (Bogotá time)");
    }

    @Test
    void timeLeftInMinutesHoursOrDays() {
        assertThat(ES.timeLeft(Duration.ofSeconds(59))).isEqualTo("menos de 1 min");
        assertThat(EN.timeLeft(Duration.ofSeconds(-5))).isEqualTo("less than 1 min");
        assertThat(ES.timeLeft(Duration.ofMinutes(45))).isEqualTo("45 min");
        assertThat(ES.timeLeft(Duration.ofMinutes(119))).isEqualTo("1 h");
        assertThat(EN.timeLeft(Duration.ofHours(47))).isEqualTo("47 h");
        assertThat(ES.timeLeft(Duration.ofHours(48))).isEqualTo("2 días");
        assertThat(EN.timeLeft(Duration.ofDays(7))).isEqualTo("7 days");
    }

    @Test
    void contractTypesDocumentsVehiclesAndPlates() {
        assertThat(ES.contractType("enterprise")).isEqualTo("Empresarial");
        assertThat(EN.contractType("basic")).isEqualTo("Basic");
        assertThat(ES.contractType("gold"))
                .as("a type this version does not know")
                .isEqualTo("gold");
        assertThat(ES.document("RUT", "900123456-8")).isEqualTo("RUT 900123456-8");
        assertThat(ES.document(null, null)).isEmpty();
        assertThat(ES.vehicles(1)).isEqualTo("1 vehículo");
        assertThat(ES.vehicles(1_200)).isEqualTo("1.200 vehículos");
        assertThat(EN.vehicles(75)).isEqualTo("75 vehicles");
        assertThat(ES.plates(List.of("ABC123", "DEF456"), 75, 20)).isEqualTo("ABC123, DEF456 (2 de 75)");
        assertThat(EN.plates(List.of(), 75, 20)).isEqualTo("none listed yet");
        List<String> many = IntStream.range(0, 1_500)
                .mapToObj(i -> String.format("AAA%03d", i % 1000))
                .toList();
        assertThat(ES.plates(many, 10_000, 2)).isEqualTo("AAA000, AAA001 y 1.498 más (1.500 de 10.000)");
    }

    @Test
    void everyWordOfTheFormatsExistsInBothLanguages() {
        assertThat(Arrays.stream(ApprovalFormat.Words.values())).allSatisfy(word -> {
            assertThat(word.in(ApprovalLanguage.ES_CO)).isNotBlank();
            assertThat(word.in(ApprovalLanguage.EN)).isNotBlank();
        });
    }
}
