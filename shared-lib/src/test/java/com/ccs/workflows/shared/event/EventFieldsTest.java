package com.ccs.workflows.shared.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.errors.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventFieldsTest {

    private final EventFields event = EventFields.of(Map.of(
            "vehicleId",
            "  VEH-1 ",
            "count",
            75,
            "big",
            1698765432000L,
            "ratio",
            4.5,
            "blank",
            "   ",
            "location",
            Map.of("lat", 4.6097, "lon", "west"),
            "vehicles",
            List.of(Map.of("plate", "ABC123"), "oops")));

    @Test
    void readsTypedValuesAndTrimsStrings() {
        assertThat(event.requiredString("vehicleId")).isEqualTo("VEH-1");
        assertThat(event.requiredLong("count")).isEqualTo(75);
        assertThat(event.requiredLong("big")).isEqualTo(1698765432000L);
        assertThat(event.requiredDouble("ratio")).isEqualTo(4.5);
        assertThat(event.requiredObject("location").requiredDouble("lat")).isEqualTo(4.6097);
        assertThat(event.optionalString("absent")).isEmpty();
    }

    @Test
    void namesTheMissingFieldByItsPath() {
        assertThatThrownBy(() -> event.requiredString("customer_id"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("customer_id: is required and must be a non-empty string");
        assertThatThrownBy(() -> event.requiredString("blank")).hasMessageStartingWith("blank: is required");
    }

    @Test
    void namesNestedAndIndexedFieldsWithTheirTypeProblem() {
        assertThatThrownBy(() -> event.requiredObject("location").requiredDouble("lon"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("location.lon"))
                .hasMessage("location.lon: must be a number, got a string \"west\"");
        assertThatThrownBy(() -> event.objectList("vehicles"))
                .hasMessage("vehicles[1]: must be an object, got a string \"oops\"");
    }

    @Test
    void rejectsFractionsWhereIntegersAreExpected() {
        assertThatThrownBy(() -> event.requiredLong("ratio")).hasMessage("ratio: must be an integer, got 4.5");
        assertThatThrownBy(() -> EventFields.of(MiniJson.parseObject("{\"value\":15000000.75}"))
                        .requiredLong("value"))
                .hasMessage("value: must be an integer, got 15000000.75");
        assertThatThrownBy(() -> event.requiredString("count")).hasMessage("count: must be a string, got a number");
    }

    @Test
    void rejectsAnEventThatIsNotAnObject() {
        assertThatThrownBy(() -> EventFields.of(List.of(1, 2)))
                .hasMessage("$: the event must be a JSON object, got an array");
        assertThatThrownBy(() -> EventFields.of(null)).hasMessage("$: the event must be a JSON object, got null");
    }

    @Test
    void describesLongStringsByLengthOnly() {
        assertThat(EventFields.describe("x".repeat(500))).isEqualTo("a string of 500 characters");
    }

    @Test
    void anIntegerTooLargeOrNotFiniteIsInvalidInputNamingTheField() {
        Map<String, Object> event = MiniJson.parseObject("{\"big\":" + "9".repeat(400) + ",\"huge\":1e400}");

        assertThatThrownBy(() -> EventFields.of(event).optionalLong("big"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("big: must be an integer, got 999");
        assertThatThrownBy(() -> EventFields.of(event).optionalLong("huge"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("huge: must be an integer, got Infinity");
    }
}
