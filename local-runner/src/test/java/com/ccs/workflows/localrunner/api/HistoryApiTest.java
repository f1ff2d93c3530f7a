package com.ccs.workflows.localrunner.api;

import static com.ccs.workflows.localrunner.api.ApiErrorsAssert.awsError;
import static com.ccs.workflows.localrunner.api.LocalSfn.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.localrunner.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

class HistoryApiTest {
    /** Ten Pass states and a Wait: 1 + 11 * 2 + 1 = 24 events. */
    private static final String CHAIN;

    static {
        StringBuilder states = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            states.append("'P")
                    .append(i)
                    .append("': {'Type': 'Pass', 'Result': ")
                    .append(i)
                    .append(", 'ResultPath': '$.p")
                    .append(i)
                    .append("', 'Next': '")
                    .append(i < 9 ? "P" + (i + 1) : "W")
                    .append("'},");
        }
        states.append("'W': {'Type': 'Wait', 'Seconds': 60, 'End': true}");
        CHAIN = json("{'StartAt': 'P0', 'States': {" + states + "}}");
    }

    @RegisterExtension
    final LocalSfn local = LocalSfn.virtual();

    private String execution;

    @BeforeEach
    void start() {
        String machine = local.create("chain", CHAIN);
        execution = local.sfn
                .startExecution(b -> b.stateMachineArn(machine).input("{\"start\": true}"))
                .executionArn();
        local.awaitEnd(execution);
    }

    @Test
    void eventsCarryAwsNamesAndDetails() {
        List<HistoryEvent> events =
                local.sfn.getExecutionHistory(b -> b.executionArn(execution)).events();
        assertThat(events).hasSize(24);
        assertThat(events).extracting(HistoryEvent::id).containsExactlyElementsOf(range(1, 24));
        HistoryEvent started = events.get(0);
        assertThat(started.type()).isEqualTo(HistoryEventType.EXECUTION_STARTED);
        assertThat(started.executionStartedEventDetails().input()).isEqualTo("{\"start\":true}");
        assertThat(started.executionStartedEventDetails().inputDetails().truncated())
                .isFalse();
        HistoryEvent entered = events.get(1);
        assertThat(entered.type()).isEqualTo(HistoryEventType.PASS_STATE_ENTERED);
        assertThat(entered.previousEventId()).isEqualTo(0L);
        assertThat(entered.stateEnteredEventDetails().name()).isEqualTo("P0");
        HistoryEvent exited = events.get(2);
        assertThat(exited.previousEventId()).isEqualTo(2L);
        assertThat(Json.parse(exited.stateExitedEventDetails().output()))
                .isEqualTo(Json.parse("{\"start\":true,\"p0\":0}"));
        assertThat(events.get(21).type()).isEqualTo(HistoryEventType.WAIT_STATE_ENTERED);
        HistoryEvent succeeded = events.get(23);
        assertThat(succeeded.type()).isEqualTo(HistoryEventType.EXECUTION_SUCCEEDED);
        assertThat(Json.parse(succeeded.executionSucceededEventDetails().output())
                        .get("p9")
                        .intValue())
                .isEqualTo(9);
        // Timestamps are epoch seconds with milliseconds: the Wait of 60 s shows between its events.
        assertThat(events.get(22).timestamp())
                .isEqualTo(events.get(21).timestamp().plusSeconds(60));
        assertThat(started.timestamp())
                .isEqualTo(local.sfn
                        .describeExecution(b -> b.executionArn(execution))
                        .startDate());
    }

    @Test
    void pagesConcatenateToTheWholeHistory() {
        List<HistoryEvent> all =
                local.sfn.getExecutionHistory(b -> b.executionArn(execution)).events();
        List<HistoryEvent> paged = pages(5, false);
        assertThat(paged).isEqualTo(all);
        assertThat(local.sfn
                        .getExecutionHistoryPaginator(
                                b -> b.executionArn(execution).maxResults(7))
                        .events())
                .hasSize(24);
        var exactlyOnePage =
                local.sfn.getExecutionHistory(b -> b.executionArn(execution).maxResults(24));
        assertThat(exactlyOnePage.events()).hasSize(24);
        assertThat(exactlyOnePage.nextToken()).isNull();
    }

    @Test
    void reverseOrderIsNewestFirstAlsoAcrossPages() {
        List<HistoryEvent> all =
                local.sfn.getExecutionHistory(b -> b.executionArn(execution)).events();
        List<HistoryEvent> reversed = new ArrayList<>(all);
        Collections.reverse(reversed);
        assertThat(local.sfn
                        .getExecutionHistory(b -> b.executionArn(execution).reverseOrder(true))
                        .events())
                .isEqualTo(reversed);
        assertThat(pages(10, true)).isEqualTo(reversed);
        var last = local.sfn.getExecutionHistory(
                b -> b.executionArn(execution).reverseOrder(true).maxResults(1));
        assertThat(last.events().get(0).type()).isEqualTo(HistoryEventType.EXECUTION_SUCCEEDED);
        // A reverse token does not continue a forward listing.
        awsError(
                () -> local.sfn.getExecutionHistory(
                        b -> b.executionArn(execution).nextToken(last.nextToken())),
                "InvalidToken");
    }

    @Test
    void withoutExecutionDataEventsKeepOnlyMetadata() {
        List<HistoryEvent> events = local.sfn
                .getExecutionHistory(b -> b.executionArn(execution).includeExecutionData(false))
                .events();
        assertThat(events).hasSize(24);
        assertThat(events.get(0).executionStartedEventDetails().input()).isNull();
        assertThat(events.get(0).executionStartedEventDetails().roleArn()).isEqualTo(LocalSfn.ROLE);
        assertThat(events.get(1).stateEnteredEventDetails().name()).isEqualTo("P0");
        assertThat(events.get(1).stateEnteredEventDetails().input()).isNull();
        assertThat(events.get(23).executionSucceededEventDetails().output()).isNull();
    }

    @Test
    void errors() {
        awsError(() -> local.sfn.getExecutionHistory(b -> b.executionArn(execution + "x")), "ExecutionDoesNotExist");
        awsError(() -> local.sfn.getExecutionHistory(b -> b.executionArn("chain")), "InvalidArn");
        awsError(
                () -> local.sfn.getExecutionHistory(
                        b -> b.executionArn(execution).maxResults(1001)),
                "ValidationException");
        awsError(
                () -> local.sfn.getExecutionHistory(
                        b -> b.executionArn(execution).nextToken("!!")),
                "InvalidToken");
    }

    private List<HistoryEvent> pages(int size, boolean reverse) {
        List<HistoryEvent> all = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            GetExecutionHistoryResponse page = local.sfn.getExecutionHistory(b -> b.executionArn(execution)
                    .maxResults(size)
                    .reverseOrder(reverse)
                    .nextToken(t));
            assertThat(page.events()).hasSizeLessThanOrEqualTo(size);
            all.addAll(page.events());
            token = page.nextToken();
        } while (token != null);
        return all;
    }

    private static List<Long> range(long from, long to) {
        List<Long> ids = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            ids.add(i);
        }
        return ids;
    }
}
