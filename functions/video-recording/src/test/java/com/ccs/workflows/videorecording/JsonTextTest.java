package com.ccs.workflows.videorecording;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTextTest {

    @Test
    void escapesQuotesBackslashesAndNamedControlCharacters() {
        assertThat(JsonText.quote("a\"b\\c\nd\re\tf\bg\fh")).isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\"");
    }

    @Test
    void escapesOtherControlCharactersDelAndLineSeparatorsAsUnicodeEscapes() {
        assertThat(JsonText.quote("\u0000\u001f\u007f\u2028\u2029")).isEqualTo("\"\\u0000\\u001f\\u007f\\u2028\\u2029\"");
    }

    @Test
    void keepsPrintableAndNonAsciiTextAsIsAndEscapesOnlyUnpairedSurrogates() {
        assertThat(JsonText.quote("Bogotá / vía 😀")).isEqualTo("\"Bogotá / vía 😀\"");
        assertThat(JsonText.quote("x\ud83dy")).isEqualTo("\"x\\ud83dy\"");
        assertThat(JsonText.quote("\ude00")).isEqualTo("\"\\ude00\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "quote\"inside", "back\\slash", "new\nline", "nul\u0000byte", "</script>",
            "\u001b[31mred", "tab\tand \"both\\\"", "😀 emoji", "\u2028"})
    void everyQuotedStringParsesBackToTheOriginal(String value) {
        String document = "{\"v\":" + JsonText.quote(value) + "}";
        assertThat(SampleEvents.parseJson(document)).containsEntry("v", value);
    }

    @Test
    void theStartCommandIsValidJsonWhateverTheIncidentIdContains() {
        String hostile = "INC-\"},\"command\":\"STOP_RECORDING\",\"x\":{\"\\\n";
        String json = new StartRecordingCommand(hostile, "REC-" + hostile, 30, 300,
                Instant.parse("2026-03-01T12:00:00.123456Z")).toJson();

        Map<String, Object> parsed = SampleEvents.parseJson(json);
        assertThat(parsed).containsOnlyKeys("command", "incident_id", "recording_id", "pre_roll_seconds",
                "duration_seconds", "issued_at");
        assertThat(parsed).containsEntry("command", "START_RECORDING")
                .containsEntry("incident_id", hostile)
                .containsEntry("recording_id", "REC-" + hostile)
                .containsEntry("issued_at", "2026-03-01T12:00:00.123Z");
    }

    @Test
    void theStartCommandHasTheDocumentedShape() {
        String json = new StartRecordingCommand("INC-VEH-1-5", "REC-INC-VEH-1-5", 30, 300,
                Instant.parse("2026-03-01T12:00:00Z")).toJson();
        assertThat(json).isEqualTo("{\"command\":\"START_RECORDING\",\"incident_id\":\"INC-VEH-1-5\","
                + "\"recording_id\":\"REC-INC-VEH-1-5\",\"pre_roll_seconds\":30,\"duration_seconds\":300,"
                + "\"issued_at\":\"2026-03-01T12:00:00Z\"}");
    }
}
