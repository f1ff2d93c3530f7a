package com.ccs.workflows.shared.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTextTest {

    @Test
    void escapesQuotesBackslashesAndNamedControlCharacters() {
        assertThat(JsonText.quote("a\"b\\c\nd\re\tf\bg\fh")).isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\"");
    }

    @Test
    void escapesOtherControlCharactersDelAndLineSeparatorsAsUnicodeEscapes() {
        assertThat(JsonText.quote("\u0000\u001f\u007f\u2028\u2029"))
                .isEqualTo("\"\\u0000\\u001f\\u007f\\u2028\\u2029\"");
    }

    @Test
    void keepsPrintableAndNonAsciiTextAsIsAndEscapesOnlyUnpairedSurrogates() {
        assertThat(JsonText.quote("Bogotá / vía 😀")).isEqualTo("\"Bogotá / vía 😀\"");
        assertThat(JsonText.quote("x\ud83dy")).isEqualTo("\"x\\ud83dy\"");
        assertThat(JsonText.quote("\ude00")).isEqualTo("\"\\ude00\"");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "plain",
                "quote\"inside",
                "back\\slash",
                "new\nline",
                "nul\u0000byte",
                "</script>",
                "\u001b[31mred",
                "tab\tand \"both\\\"",
                "😀 emoji",
                "\u2028"
            })
    void everyQuotedStringParsesBackToTheOriginal(String value) {
        String document = "{\"v\":" + JsonText.quote(value) + "}";
        assertThat(parse(document)).isEqualTo(java.util.Map.of("v", value));
    }

    @Test
    void escapesHtmlSignificantCharactersSoTheOutputEmbedsInAPage() {
        assertThat(JsonText.quote("</script>&")).isEqualTo("\"\\u003c/script\\u003e\\u0026\"");
    }

    @Test
    void writesFlatObjectsWithTypedValues() {
        java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("approved", true);
        fields.put("count", 3);
        fields.put("comment", null);
        fields.put("approver", "ana \"m\"");
        assertThat(JsonText.object(fields))
                .isEqualTo("{\"approved\":true,\"count\":3,\"comment\":null,\"approver\":\"ana \\\"m\\\"\"}");
    }

    private static Object parse(String document) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(document, java.util.Map.class);
        } catch (java.io.IOException e) {
            throw new AssertionError(document, e);
        }
    }
}
