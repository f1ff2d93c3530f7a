package com.ccs.workflows.shared.priming;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.testing.CapturedLogs;
import com.ccs.workflows.testing.SampleEvents;
import com.ccs.workflows.testing.StandardOutput;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PrimingTest {

    @Test
    void beforeTheSnapshotRunsTheRequestPathForTheStandardRoundsAndLogsItsReport() {
        AtomicInteger rounds = new AtomicInteger();
        try (CapturedLogs logs = new CapturedLogs()) {
            new Priming("sample-function", n -> {
                        rounds.set(n);
                        return "report-" + n;
                    })
                    .beforeCheckpoint(null);

            assertThat(rounds).hasValue(Priming.ROUNDS);
            assertThat(logs.text())
                    .contains("Request path of sample-function primed in memory: report-" + Priming.ROUNDS);
        }
    }

    @Test
    void aFailedPrimingIsLoggedAndNeverBlocksTheSnapshot() {
        try (CapturedLogs logs = new CapturedLogs()) {
            new Priming("sample-function", n -> {
                        throw new IllegalStateException("unexpected answer");
                    })
                    .beforeCheckpoint(null);

            assertThat(logs.text())
                    .contains("WARN")
                    .contains("Priming of sample-function failed")
                    .contains("unexpected answer");
        }
    }

    @Test
    void theEventJsonIsReadAndWrittenBackUnchangedInMeaning() {
        assertThat(Priming.primeEventJson(2))
                .isEqualTo("{\"text\":\"Bogotá \\\"quoted\\\"\",\"integer\":-12,\"decimal\":1500.0,"
                        + "\"flag\":true,\"none\":null,\"list\":[1,{\"nested\":\"value\"}]}");
    }

    @Test
    void metricsAndTracingAreFormattedButNothingIsWrittenOrSent() {
        String[] formatted = new String[1];
        String printed = StandardOutput.of(() -> formatted[0] = Priming.primeObservability());

        assertThat(printed).isEmpty();
        String[] lines = formatted[0].split("\n");
        assertThat(SampleEvents.parseJson(lines[0]))
                .containsEntry("Primed", 1.0)
                .containsKey("_aws");
        assertThat(SampleEvents.parseJson(lines[1]))
                .containsEntry("type", "subsegment")
                .containsEntry("name", "DynamoDB");
    }
}
