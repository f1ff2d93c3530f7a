package com.ccs.workflows.shared.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MiniJsonTest {

    @Test
    void readsTheRegistrysAnswer() {
        Map<String, Object> json = MiniJson.parseObject(
                " {\"nit\": \"900123456\", \"name\":\"Transportes ABC S.A.S.\" ,\n\"status\":\"ACTIVE\"} ");

        assertThat(json)
                .containsExactly(
                        entry("nit", "900123456"), entry("name", "Transportes ABC S.A.S."), entry("status", "ACTIVE"));
    }

    @Test
    void readsEveryKindOfValue() {
        Map<String, Object> json =
                MiniJson.parseObject("{\"s\":\"a\\\"b\\\\c\\/d\\n\\u00e9\\uD83D\\uDE9A\",\"i\":-42,\"z\":0,"
                        + "\"big\":12345678901234567890,\"d\":1.5e3,\"t\":true,\"f\":false,\"n\":null,"
                        + "\"o\":{\"k\":[1,{\"x\":[]},\"y\"]},\"e\":{},\"a\":[]}");

        assertThat(json.get("s")).isEqualTo("a\"b\\c/d\né\uD83D\uDE9A");
        assertThat(json.get("i")).isEqualTo(-42L);
        assertThat(json.get("z")).isEqualTo(0L);
        assertThat(json.get("big")).isEqualTo(new java.math.BigInteger("12345678901234567890"));
        assertThat(json.get("d")).isEqualTo(1500.0);
        assertThat(json.get("t")).isEqualTo(true);
        assertThat(json.get("f")).isEqualTo(false);
        assertThat(json).containsEntry("n", null);
        assertThat(json.get("o")).isEqualTo(Map.of("k", List.of(1L, Map.of("x", List.of()), "y")));
        assertThat(json.get("e")).isEqualTo(Map.of());
        assertThat(json.get("a")).isEqualTo(List.of());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "[]",
                "\"x\"",
                "null",
                "{",
                "}",
                "{\"a\"}",
                "{\"a\":}",
                "{\"a\":1,}",
                "{\"a\":1 \"b\":2}",
                "{a:1}",
                "{'a':1}",
                "{\"a\":01}",
                "{\"a\":1.}",
                "{\"a\":.5}",
                "{\"a\":-}",
                "{\"a\":1e}",
                "{\"a\":tru}",
                "{\"a\":\"\\x\"}",
                "{\"a\":\"\\u12\"}",
                "{\"a\":\"\\u12G4\"}",
                "{\"a\":\"unterminated}",
                "{\"a\":\"tab\there\"}",
                "{\"a\":[1,2}",
                "{\"a\":1}{",
                "{\"a\":1} x",
                "{\"a\":1,\"a\":2}",
                "{\"a\":NaN}",
                "{\"a\":\"\\u\uFF10\uFF10\uFF14\uFF11\"}"
            })
    void rejectsWhatIsNotOneJsonObject(String text) {
        assertThatThrownBy(() -> MiniJson.parseObject(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid JSON at offset");
    }

    @Test
    void limitsNesting() {
        String deep = "{\"a\":" + "[".repeat(MiniJson.MAX_DEPTH + 1) + "]".repeat(MiniJson.MAX_DEPTH + 1) + "}";
        String shallow = "{\"a\":" + "[".repeat(MiniJson.MAX_DEPTH - 1) + "]".repeat(MiniJson.MAX_DEPTH - 1) + "}";

        assertThatThrownBy(() -> MiniJson.parseObject(deep)).hasMessageContaining("nested deeper than");
        assertThat(MiniJson.parseObject(shallow)).containsKey("a");
    }
}
