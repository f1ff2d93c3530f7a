package com.ccs.workflows.shared.logging;

import static com.ccs.workflows.shared.logging.LogField.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.testing.CapturedLogs;
import com.ccs.workflows.testing.SampleEvents;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;

class JsonLoggerTest {
    private static final Logger LOG = LoggerFactory.getLogger("com.ccs.workflows.sample.Service");
    private static final Logger LIBRARY = LoggerFactory.getLogger("software.amazon.awssdk.sample.Client");

    @Test
    void slf4jFindsTheJsonBackend() {
        assertThat(LoggerFactory.getILoggerFactory().getClass().getName())
                .startsWith(JsonLogServiceProvider.class.getName());
        assertThat(LOG).isInstanceOf(JsonLogger.class);
    }

    @Test
    void aLineIsOneJsonObjectWithTheContextAndStructuredFields() {
        Map<String, Object> line;
        try (CapturedLogs logs = CapturedLogs.quietAsDeployed()) {
            MDC.put("execution_id", "exec-1");
            MDC.put("cold_start", "true");
            MDC.put("function_memory_size", "1024");
            long before = System.currentTimeMillis();
            LOG.info(
                    "Customer {} checked: {}",
                    "ACME \"fleet\"",
                    entry("score", 92),
                    entry("problem_fields", List.of("nit", "plates")));
            long after = System.currentTimeMillis();
            assertThat(logs.text().lines()).hasSize(1);
            line = SampleEvents.parseJson(logs.text().strip());
            Instant at = Instant.parse((String) line.get("timestamp"));
            assertThat(at.toEpochMilli()).isBetween(before, after);
        } finally {
            MDC.clear();
        }
        assertThat(line)
                .containsEntry("level", "INFO")
                .containsEntry("logger", "com.ccs.workflows.sample.Service")
                .containsEntry("message", "Customer ACME \"fleet\" checked: score=92")
                .containsEntry("service", "ccs-workflows-test")
                .containsEntry("execution_id", "exec-1")
                .containsEntry("cold_start", true)
                .containsEntry("function_memory_size", 1024)
                .containsEntry("score", 92)
                .containsEntry("problem_fields", List.of("nit", "plates"))
                .doesNotContainKey("error");
    }

    @Test
    void anExceptionIsAnErrorFieldWithItsStack() {
        try (CapturedLogs logs = CapturedLogs.quietAsDeployed()) {
            LOG.warn("Registry call failed for {}", "NIT-1", new IllegalStateException("timeout\nafter 2 s"));
            Map<String, Object> line = SampleEvents.parseJson(logs.text().strip());
            assertThat(line)
                    .containsEntry("message", "Registry call failed for NIT-1")
                    .containsEntry("level", "WARN");
            @SuppressWarnings("unchecked")
            Map<String, Object> error = (Map<String, Object>) line.get("error");
            assertThat(error)
                    .containsEntry("name", "java.lang.IllegalStateException")
                    .containsEntry("message", "timeout\nafter 2 s");
            assertThat((String) error.get("stack")).contains("JsonLoggerTest.anExceptionIsAnErrorFieldWithItsStack");
        }
    }

    @Test
    void projectLoggersFollowTheConfiguredLevelAndLibrariesWriteWarningsOnly() {
        try (CapturedLogs logs = CapturedLogs.quietAsDeployed()) {
            LOG.debug("hidden at INFO");
            LIBRARY.info("library chatter");
            LIBRARY.warn("library warning");
            try (Restore ignored = LogLevels.override(Level.DEBUG)) {
                assertThat(LOG.isDebugEnabled()).isTrue();
                LOG.debug("shown at DEBUG");
                LIBRARY.debug("still hidden");
            }
            try (Restore ignored = LogLevels.override(Level.ERROR)) {
                LOG.warn("hidden at ERROR");
            }
            LOG.info("back at INFO");
            assertThat(logs.text())
                    .contains("library warning", "shown at DEBUG", "back at INFO")
                    .doesNotContain("hidden at INFO", "library chatter", "still hidden", "hidden at ERROR");
        }
        assertThat(LogLevels.project()).isEqualTo(Level.INFO);
    }

    @Test
    void levelNamesAsLambdaAndPowertoolsSpellThem() {
        assertThat(LogLevels.parse("debug")).isEqualTo(Level.DEBUG);
        assertThat(LogLevels.parse(" WARN ")).isEqualTo(Level.WARN);
        assertThat(LogLevels.parse("FATAL")).isEqualTo(Level.ERROR);
        assertThat(LogLevels.parse("verbose")).isNull();
        assertThat(LogLevels.parse("")).isNull();
    }

    @Test
    void controlCharactersAndQuotesCannotBreakTheLine() {
        try (CapturedLogs logs = CapturedLogs.quietAsDeployed()) {
            LOG.info("forged\n{\"level\":\"ERROR\"} \u0000 {}", entry("k\"ey", "va\r\nlue"));
            assertThat(logs.text().lines()).hasSize(1);
            assertThat(SampleEvents.parseJson(logs.text().strip()))
                    .containsEntry("k\"ey", "va\r\nlue")
                    .containsEntry("level", "INFO");
        }
    }

    @Test
    void timestampsAreUtcWithMilliseconds() {
        for (long millis : new long[] {0, 951_782_400_123L, 1_764_484_000_007L, 4_102_444_799_999L}) {
            StringBuilder out = new StringBuilder();
            LogLine.appendTimestamp(out, millis);
            assertThat(Instant.parse(out).toEpochMilli()).isEqualTo(millis);
            assertThat(out).hasSize(24);
        }
    }

    @Test
    void aFieldNeedsAName() {
        assertThatThrownBy(() -> entry(" ", 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
