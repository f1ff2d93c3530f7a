package com.ccs.workflows.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonBytesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Written as text, then encoded: Jackson's byte writer escapes characters outside the BMP, Step Functions does not. */
    private static int written(Object value) throws Exception {
        return JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void countsWhatACompactUtf8WriterWrites() throws Exception {
        Map<String, Object> request = new LinkedHashMap<>(Requests.valid());
        request.put("notes", "Línea 1\n\t\"Ñandú\" \\ 🚚 \u0001 < & >");
        request.put("empty", Map.of());
        request.put("none", new ArrayList<>());
        request.put("flags", List.of(true, false));
        request.put("nothing", null);
        request.put("big", new BigInteger("123456789012345678901234567890"));
        request.put("ratio", 0.25);
        request.put("negative", -42L);

        assertThat(JsonBytes.of(request)).isEqualTo(written(request));
    }

    @Test
    void agreesWithTheWriterOnRandomText() throws Exception {
        Random random = new Random(7);
        for (int round = 0; round < 2_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                text.appendCodePoint(
                        switch (random.nextInt(5)) {
                            case 0 -> random.nextInt(0x80);
                            case 1 -> 0x80 + random.nextInt(0x780);
                            case 2 -> 0x800 + random.nextInt(0xD000 - 0x800);
                            case 3 -> 0xE000 + random.nextInt(0x2000);
                            default -> 0x10000 + random.nextInt(0x100000);
                        });
            }
            Map<String, Object> value = Map.of(text.toString(), List.of(text.toString(), round));
            assertThat(JsonBytes.of(value)).as(text.toString()).isEqualTo(written(value));
        }
    }
}
