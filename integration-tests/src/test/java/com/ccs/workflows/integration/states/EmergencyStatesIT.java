package com.ccs.workflows.integration.states;

import static com.ccs.workflows.integration.states.DefinitionUnderTest.fails;
import static com.ccs.workflows.integration.states.DefinitionUnderTest.goesTo;
import static com.ccs.workflows.integration.states.DefinitionUnderTest.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.sfn.model.MockInput;
import software.amazon.awssdk.services.sfn.model.TestExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TestStateRequest;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;

/**
 * Every state of statemachines/emergency.asl.json (a JSONata machine) through TestState, one request per case: each
 * Choice at its boundaries (every rule of Validate Event with its rejection), each Retry and Catch through mocked
 * errors and {@code retrierRetryCount}, each state's output shape. The variables a state reads ({@code $event},
 * {@code $message}, {@code $failure}, ...) are given with the request; the states inside the Parallel branches are
 * named by {@code stateName} in the whole definition, as TestState allows.
 *
 * <p>Runs on the local runner's API (in-process, see {@link TestStateTarget}); with {@code -Dccs.teststate.aws=true}
 * and AWS credentials, the same requests go to AWS's TestState and must get the same answers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmergencyStatesIT {
    /** The DefinitionSubstitutions of a stack named ccs-test; mocked states never call what they name. */
    private static final Map<String, String> SUBSTITUTIONS = Map.of(
            "IncidentsTableName", "ccs-test-incidents",
            "AuthoritiesTopicArn", "arn:aws:sns:us-east-1:123456789012:ccs-test-authorities",
            "OwnerTopicArn", "arn:aws:sns:us-east-1:123456789012:ccs-test-owner",
            "VideoRecordingFunctionArn", "arn:aws:lambda:us-east-1:123456789012:function:ccs-test-video-recording:live",
            "EmergencyDeadLetterQueueUrl",
                    "https://sqs.us-east-1.amazonaws.com/123456789012/ccs-test-emergency-dlq.fifo");
    /** A valid vehicle event. */
    private static final String EVENT = """
      {"vehicleId": "VEH-001", "type": "panic_button", "eventTimestamp": 1700000000000,
       "location": {"lat": 4.711, "lon": -74.0721}, "severity": "critical",
       "metadata": {"driver_id": "DRV-789"}}""";

    private static final String EXECUTION_ID =
            "arn:aws:states:us-east-1:123456789012:express:ccs-test-emergency:exec-states-0001:run-1";
    /** The context object the requests give, so that what the states read of it is known. */
    private static final String CONTEXT = "{\"Execution\": {\"Id\": \"" + EXECUTION_ID + "\","
            + " \"Name\": \"exec-states-0001\", \"StartTime\": \"2025-01-01T10:00:00.000Z\"},"
            + " \"State\": {\"EnteredTime\": \"2025-01-01T10:00:01.000Z\", \"Name\": \"s\", \"RetryCount\": 0}}";

    private static final String INCIDENT = "INC-VEH-001-1700000000000";
    private static final String BODY = EVENT.replace("\n", "");

    private static final ObjectMapper JSON = DefinitionUnderTest.JSON;
    private static DefinitionUnderTest workflow;

    @BeforeAll
    static void start() throws IOException {
        workflow = DefinitionUnderTest.open("emergency.asl.json", SUBSTITUTIONS);
    }

    @BeforeEach
    void targetAvailable() {
        workflow.assumeAvailable();
    }

    @AfterAll
    static void stop() {
        workflow.close();
    }

    // ---- requests

    private static TestStateResponse run(
            String state, JsonNode input, JsonNode variables, Consumer<TestStateRequest.Builder> more) {
        return workflow.run(state, input, request -> {
            if (variables != null) {
                request.variables(variables.toString());
            }
            more.accept(request);
        });
    }

    private static TestStateResponse run(String state, JsonNode input, JsonNode variables) {
        return run(state, input, variables, r -> {});
    }

    private static TestStateResponse mocked(String state, JsonNode input, JsonNode variables, String result) {
        return run(
                state,
                input,
                variables,
                r -> r.mock(MockInput.builder().result(result).build()).context(CONTEXT));
    }

    private static TestStateResponse failing(
            String state, JsonNode input, JsonNode variables, String error, int retries) {
        return run(
                state,
                input,
                variables,
                r -> r.mock(m -> m.errorOutput(e -> e.error(error).cause(error + " in a test")))
                        .context(CONTEXT)
                        .stateConfiguration(c -> c.retrierRetryCount(retries)));
    }

    private static ObjectNode event() {
        return (ObjectNode) parse(EVENT);
    }

    /** The variables a valid direct event has once Validate Event has passed it. */
    private static ObjectNode validated(JsonNode event) {
        ObjectNode variables = JSON.createObjectNode();
        variables.putNull("message");
        variables.set("event", event);
        variables.put("incidentId", INCIDENT);
        variables.put("eventTime", "2023-11-14T22:13:20.000Z");
        variables.put("severity", "critical");
        variables.set("metadata", parse("{\"driver_id\": \"DRV-789\"}"));
        return variables;
    }

    private static ObjectNode validated() {
        return validated(event());
    }

    /** The variables of an event that came from the queue. */
    private static ObjectNode queued() {
        ObjectNode variables = validated();
        variables.set(
                "message",
                DefinitionUnderTest.JSON
                        .createObjectNode()
                        .put("messageId", "msg-1")
                        .put("groupId", "VEH-001")
                        .put("body", BODY));
        return variables;
    }

    private static ObjectNode failure(String error, String cause, String channel) {
        return DefinitionUnderTest.JSON
                .createObjectNode()
                .put("Error", error)
                .put("Cause", cause)
                .put("Channel", channel);
    }

    private static JsonNode output(TestStateResponse response) {
        return parse(response.output());
    }

    private static JsonNode variables(TestStateResponse response) {
        return parse(response.inspectionData().variables());
    }

    private static JsonNode arguments(TestStateResponse response) {
        return parse(response.inspectionData().afterArguments());
    }

    private static void ends(TestStateResponse response) {
        goesTo(response, null);
    }

    // ---- where the event comes from

    @Test
    void checkEventSourceTellsAQueueBatchFromADirectEvent() {
        JsonNode batch = parse("[{\"messageId\": \"msg-1\", \"body\": " + JSON.valueToTree(BODY)
                + ", \"attributes\": {\"MessageGroupId\": \"VEH-001\"}}]");
        TestStateResponse fromQueue = run("Check Event Source", batch, null);
        goesTo(fromQueue, "Read Queue Message");
        assertThat(variables(fromQueue).get("message"))
                .isEqualTo(parse("{\"messageId\": \"msg-1\", \"groupId\": \"VEH-001\", \"body\": "
                        + JSON.valueToTree(BODY) + "}"));

        TestStateResponse bare = run("Check Event Source", parse("[{\"body\": \"{}\"}]"), null);
        goesTo(bare, "Read Queue Message");
        JsonNode message = variables(bare).get("message");
        assertThat(message.get("messageId").asText()).as("the execution's name").isNotBlank();
        assertThat(message.get("groupId").asText()).isEqualTo("emergency-events");
        assertThat(message.get("body").asText()).isEqualTo("{}");

        TestStateResponse direct = run("Check Event Source", event(), null);
        goesTo(direct, "Validate Event");
        assertThat(variables(direct).get("event")).isEqualTo(event());
        assertThat(variables(direct).get("message").isNull()).isTrue();

        for (String notABatch : List.of("[{\"body\": {\"vehicleId\": \"VEH-1\"}}]", "[]", "{\"body\": \"{}\"}")) {
            TestStateResponse other = run("Check Event Source", parse(notABatch), null);
            goesTo(other, "Validate Event");
            assertThat(variables(other).get("event")).isEqualTo(parse(notABatch));
        }
    }

    @Test
    void readQueueMessageHandsTheParsedBodyOnAndParksABodyThatIsNotJson() {
        TestStateResponse read = mocked("Read Queue Message", parse("[]"), queued(), "[" + BODY + "]");
        goesTo(read, "Validate Event");
        assertThat(variables(read).get("event")).isEqualTo(event());

        TestStateResponse broken =
                failing("Read Queue Message", parse("[]"), queued(), "States.QueryEvaluationError", 0);
        assertThat(broken.status())
                .as(broken.error() + ": " + broken.cause())
                .isEqualTo(TestExecutionStatus.CAUGHT_ERROR);
        assertThat(broken.nextState()).isEqualTo("Park Invalid Event");
        assertThat(broken.inspectionData().errorDetails().catchIndex()).isZero();
        assertThat(variables(broken).get("rejection").asText())
                .isEqualTo("body: the queue message is not a JSON document");
        // States.ALL does not match States.Runtime: the state fails
        TestStateResponse runtime = failing("Read Queue Message", parse("[]"), queued(), "States.Runtime", 0);
        assertThat(runtime.status()).isEqualTo(TestExecutionStatus.FAILED);
        assertThat(runtime.error()).isEqualTo("States.Runtime");
    }

    @Test
    void parseMessageBodyParsesTheBodyAndFailsOnText() {
        TestStateResponse parsed = run("Parse Message Body", parse("[]"), queued());
        ends(parsed);
        assertThat(output(parsed)).isEqualTo(event());

        ObjectNode notJson = queued();
        ((ObjectNode) notJson.get("message")).put("body", "not json {");
        TestStateResponse failed = run("Parse Message Body", parse("[]"), notJson);
        assertThat(failed.status()).isEqualTo(TestExecutionStatus.FAILED);
        assertThat(failed.error()).startsWith("States.");
    }

    // ---- validation

    /** The rejection the Validate Event rule with that Comment assigns. */
    private static String rejection(String rule) {
        for (JsonNode choice : workflow.states().get("Validate Event").get("Choices")) {
            if (choice.get("Comment").asText().equals(rule)) {
                return choice.at("/Assign/rejection").asText();
            }
        }
        throw new AssertionError("no rule " + rule);
    }

    private static void rejected(JsonNode event, String rule) {
        ObjectNode variables = JSON.createObjectNode().putNull("message");
        variables.set("event", event);
        TestStateResponse response = run("Validate Event", event, variables);
        goesTo(response, "Route Invalid Event");
        assertThat(variables(response).get("rejection").asText())
                .as(event + " breaks " + rule)
                .isEqualTo(rejection(rule));
    }

    private static JsonNode accepted(JsonNode event) {
        ObjectNode variables = JSON.createObjectNode().putNull("message");
        variables.set("event", event);
        TestStateResponse response = run("Validate Event", event, variables);
        goesTo(response, "Record Incident");
        JsonNode assigned = variables(response);
        assertThat(assigned.has("rejection")).as(event.toString()).isFalse();
        return assigned;
    }

    private static ObjectNode with(String field, JsonNode value) {
        ObjectNode event = event();
        if (value == null) {
            event.remove(field);
        } else {
            event.set(field, value);
        }
        return event;
    }

    @Test
    void validateEventRejectsWhatIsNotAnEvent() {
        for (String notAnEvent : List.of("[]", "{}", "\"text\"", "42", "{\"vehicle\": \"VEH-1\"}")) {
            rejected(parse(notAnEvent), "not an event");
        }
        // one of the four fields is enough to be read as an event, and the next rule names what is missing
        rejected(parse("{\"type\": \"accident\"}"), "vehicleId");
    }

    @Test
    void validateEventChecksTheVehicleId() {
        for (String bad : List.of(
                "null",
                "42",
                "\"\"",
                "\"VEH-\"",
                "\"veh-1\"",
                "\"VEH-a b\"",
                "\"XVEH-1\"",
                "\"VEH-1\\n\"", // JavaScript's $, as on AWS: no line break before the end
                "\"VEH-" + "a".repeat(41) + "\"")) {
            rejected(with("vehicleId", parse(bad)), "vehicleId");
        }
        rejected(with("vehicleId", null), "vehicleId");
        accepted(with("vehicleId", JSON.getNodeFactory().textNode("VEH-" + "a".repeat(40))));
        accepted(with("vehicleId", JSON.getNodeFactory().textNode("VEH-_")));
    }

    @Test
    void validateEventChecksTheType() {
        for (String bad : List.of(
                "null",
                "7",
                "\"\"",
                "\"Panic\"",
                "\"1accident\"",
                "\"panic-button\"",
                "\"_x\"",
                "\"accident\\n\"",
                "\"" + "a".repeat(41) + "\"")) {
            rejected(with("type", parse(bad)), "type");
        }
        rejected(with("type", null), "type");
        accepted(with("type", JSON.getNodeFactory().textNode("a".repeat(40))));
        accepted(with("type", JSON.getNodeFactory().textNode("a1_b")));
    }

    @Test
    void validateEventChecksTheTimestamp() {
        for (String bad : List.of("0", "-1", "1.5", "\"1700000000000\"", "32503680000001", "null")) {
            rejected(with("eventTimestamp", parse(bad)), "eventTimestamp");
        }
        rejected(with("eventTimestamp", null), "eventTimestamp");
        accepted(with("eventTimestamp", parse("1")));
        accepted(with("eventTimestamp", parse("32503680000000")));
    }

    @Test
    void validateEventChecksTheLocation() {
        for (String bad : List.of(
                "null",
                "[4, 5]",
                "{\"lat\": 4}",
                "{\"lon\": 4}",
                "{\"lat\": \"4\", \"lon\": 5}",
                "{\"lat\": 90.01, \"lon\": 0}",
                "{\"lat\": -90.01, \"lon\": 0}",
                "{\"lat\": 0, \"lon\": 180.5}",
                "{\"lat\": 0, \"lon\": -180.5}")) {
            rejected(with("location", parse(bad)), "location");
        }
        rejected(with("location", null), "location");
        accepted(with("location", parse("{\"lat\": 90, \"lon\": -180}")));
        accepted(with("location", parse("{\"lat\": -90, \"lon\": 180}")));
    }

    @Test
    void validateEventChecksTheSeverityWhenGiven() {
        for (String bad : List.of("\"urgent\"", "\"CRITICAL\"", "\"\"", "3", "null")) {
            rejected(with("severity", parse(bad)), "severity");
        }
        for (String good : List.of("critical", "high", "medium", "low")) {
            JsonNode assigned = accepted(with("severity", JSON.getNodeFactory().textNode(good)));
            assertThat(assigned.get("severity").asText()).isEqualTo(good);
        }
        assertThat(accepted(with("severity", null)).get("severity").asText()).isEqualTo("unknown");
    }

    @Test
    void validateEventChecksTheMetadataAndItsDriverId() {
        for (String bad : List.of("\"x\"", "[]", "7", "true")) {
            rejected(with("metadata", parse(bad)), "metadata");
        }
        for (String bad : List.of("\"\"", "42", "\"a b\"", "\"DRV/1\"", "\"DRV-1\\n\"", "\"" + "d".repeat(65) + "\"")) {
            rejected(with("metadata", JSON.createObjectNode().set("driver_id", parse(bad))), "metadata.driver_id");
        }
        JsonNode longest = accepted(with("metadata", parse("{\"driver_id\": \"" + "d".repeat(64) + "\"}")));
        assertThat(longest.at("/metadata/driver_id").asText()).hasSize(64);
        JsonNode none = accepted(with("metadata", parse("{\"route\": \"R-7\"}")));
        assertThat(none.get("metadata")).isEqualTo(parse("{\"driver_id\": \"unknown\", \"route\": \"R-7\"}"));
        assertThat(accepted(with("metadata", null)).get("metadata")).isEqualTo(parse("{\"driver_id\": \"unknown\"}"));
    }

    @Test
    void aValidEventGetsItsIncidentIdAndTime() {
        JsonNode assigned = accepted(event());
        assertThat(assigned.get("incidentId").asText()).isEqualTo(INCIDENT);
        assertThat(assigned.get("eventTime").asText()).isEqualTo("2023-11-14T22:13:20.000Z");
        assertThat(assigned.get("severity").asText()).isEqualTo("critical");
        assertThat(assigned.get("metadata")).isEqualTo(parse("{\"driver_id\": \"DRV-789\"}"));
        assertThat(assigned.get("event")).isEqualTo(event());
    }

    @Test
    void anInvalidEventIsParkedFromTheQueueAndRejectedOtherwise() {
        ObjectNode fromQueue = queued();
        fromQueue.put("rejection", "type: x");
        goesTo(run("Route Invalid Event", event(), fromQueue), "Park Invalid Event");
        ObjectNode direct = validated();
        direct.put("rejection", "type: x");
        goesTo(run("Route Invalid Event", event(), direct), "Reject Invalid Event");

        fails(run("Reject Invalid Event", event(), direct), "InvalidEvent", "type: x");
    }

    @Test
    void parkInvalidEventSendsTheBodyToTheDeadLetterQueueAndAnswersWhatItParked() {
        ObjectNode variables = queued();
        variables.put("rejection", rejection("location"));
        TestStateResponse parked = mocked(
                "Park Invalid Event",
                event(),
                variables,
                "{\"MessageId\": \"dlq-0001\", \"MD5OfMessageBody\": \"d41d8cd98f00b204e9800998ecf8427e\","
                        + " \"SequenceNumber\": \"1\"}");
        ends(parked);
        assertThat(output(parked))
                .isEqualTo(DefinitionUnderTest.JSON
                        .createObjectNode()
                        .put("parked", true)
                        .put("error", "InvalidEvent")
                        .put("cause", rejection("location"))
                        .put("sourceMessageId", "msg-1")
                        .put("deadLetterMessageId", "dlq-0001"));
        JsonNode sent = arguments(parked);
        assertThat(sent.get("MessageBody").asText()).isEqualTo(BODY);
        assertThat(sent.get("MessageGroupId").asText()).isEqualTo("VEH-001");
        assertThat(sent.get("MessageDeduplicationId").asText()).isEqualTo("msg-1");
        assertThat(sent.at("/MessageAttributes/cause/StringValue").asText()).isEqualTo(rejection("location"));
        assertThat(sent.at("/MessageAttributes/execution_id/StringValue").asText())
                .isEqualTo(EXECUTION_ID);
        retriesThenCatches("Park Invalid Event", event(), variables, "Reject Invalid Event");
    }

    // ---- the claim

    @Test
    void recordIncidentClaimsTheIncidentWithTheEventsFields() {
        TestStateResponse recorded = mocked("Record Incident", event(), validated(), "{}");
        goesTo(recorded, "Determine Response Type");
        JsonNode update = arguments(recorded);
        assertThat(update.at("/Key/incident_id/S").asText()).isEqualTo(INCIDENT);
        assertThat(update.get("TableName").asText()).isEqualTo("ccs-test-incidents");
        JsonNode values = update.get("ExpressionAttributeValues");
        assertThat(values.at("/:vehicle/S").asText()).isEqualTo("VEH-001");
        assertThat(values.at("/:timestamp/N").asText()).isEqualTo("1700000000000");
        assertThat(values.at("/:lat/N").asText()).isEqualTo("4.711");
        assertThat(values.at("/:lon/N").asText()).isEqualTo("-74.0721");
        assertThat(values.at("/:driver/S").asText()).isEqualTo("DRV-789");
        assertThat(parse(values.at("/:metadata/S").asText())).isEqualTo(parse("{\"driver_id\": \"DRV-789\"}"));
        assertThat(values.at("/:me/S").asText()).isEqualTo(EXECUTION_ID);
        assertThat(values.at("/:now/S").asText()).isEqualTo("2025-01-01T10:00:01.000Z");
        assertThat(values.at("/:stale/S").asText()).isEqualTo("2025-01-01T09:59:31.000Z");
    }

    @Test
    void recordIncidentSendsADuplicateToItsStoredAnswerAndAnyOtherFailureToIncidentNotRecorded() {
        caught(
                failing("Record Incident", event(), validated(), "DynamoDB.ConditionalCheckFailedException", 0),
                "Duplicate Event Ignored",
                0);
        caught(
                failing("Record Incident", event(), validated(), "DynamoDB.ResourceNotFoundException", 0),
                "Incident Not Recorded",
                1);
        retriesThenCatches("Record Incident", event(), validated(), "Incident Not Recorded");
    }

    @Test
    void duplicateEventIgnoredAnswersTheStoredIncident() {
        String item = "{\"incident_id\": {\"S\": \"" + INCIDENT + "\"}, \"status\": {\"S\": \"notified\"}}";
        JsonNode error = parse("{\"Error\": \"DynamoDB.ConditionalCheckFailedException\", \"Cause\": \"taken\"}");
        TestStateResponse duplicate = mocked("Duplicate Event Ignored", error, validated(), "{\"Item\": " + item + "}");
        ends(duplicate);
        JsonNode out = output(duplicate);
        assertThat(out.get("incidentRecord")).isEqualTo(parse(item));
        assertThat(out.get("parallelResults")).isEqualTo(parse("[]"));
        assertThat(out.get("duplicate").asBoolean()).isTrue();
        assertThat(out.get("executionTime").asText()).matches("-?\\d+\\.\\d{2}s");
        JsonNode read = arguments(duplicate);
        assertThat(read.at("/Key/incident_id/S").asText()).isEqualTo(INCIDENT);
        assertThat(read.get("ConsistentRead").asBoolean()).isTrue();
        caught(
                failing("Duplicate Event Ignored", error, validated(), "DynamoDB.AccessDeniedException", 0),
                "Incident Not Recorded",
                0);
        retriesThenCatches("Duplicate Event Ignored", error, validated(), "Incident Not Recorded");
    }

    @Test
    void incidentNotRecordedFailsWithTheCaughtError() {
        fails(
                run(
                        "Incident Not Recorded",
                        parse("{\"Error\": \"DynamoDB.ThrottlingException\", \"Cause\": \"slow down\"}"),
                        validated()),
                "DynamoDB.ThrottlingException",
                "slow down");
    }

    // ---- the response

    @Test
    void determineResponseTypeSendsTheThreeHighPriorityTypesToTheFullResponse() {
        for (String high : List.of("panic_button", "accident", "hijack")) {
            ObjectNode event = with("type", JSON.getNodeFactory().textNode(high));
            goesTo(run("Determine Response Type", parse("{}"), validated(event)), "High Priority Response");
        }
        for (String standard : List.of("engine_off", "panic", "accidents", "speeding")) {
            ObjectNode event = with("type", JSON.getNodeFactory().textNode(standard));
            goesTo(run("Determine Response Type", parse("{}"), validated(event)), "Standard Response");
        }
    }

    @Test
    void theResponsesHandTheirBranchesResultsOnAndAFailureToRecordFailure() {
        String high = "[{\"authoritiesNotification\": {\"MessageId\": \"a-1\"}},"
                + " {\"ownerNotification\": {\"MessageId\": \"o-1\"}},"
                + " {\"videoRecording\": {\"status\": \"recording\"}}]";
        TestStateResponse responded = mocked("High Priority Response", parse("{}"), validated(), high);
        goesTo(responded, "Check Notifications");
        assertThat(output(responded)).isEqualTo(parse(high));

        String standard = "[{\"ownerNotification\": {\"MessageId\": \"o-2\"}}]";
        TestStateResponse notified = mocked("Standard Response", parse("{}"), validated(), standard);
        goesTo(notified, "Check Notifications");
        assertThat(output(notified)).isEqualTo(parse(standard));

        for (String response : List.of("High Priority Response", "Standard Response")) {
            TestStateResponse failed = failing(response, parse("{}"), validated(), "States.TaskFailed", 0);
            caught(failed, "Record Failure", 0);
            assertThat(variables(failed).get("failure"))
                    .isEqualTo(failure("States.TaskFailed", "States.TaskFailed in a test", "response"));
        }
    }

    @Test
    void eachNotificationKeepsItsMessageIdAndCatchesItsOwnFailure() {
        Map<String, String> notifications = Map.of(
                "Notify Authorities", "authoritiesNotification",
                "Notify Owner", "ownerNotification",
                "Notify Owner (Standard)", "ownerNotification");
        Map<String, String> fallbacks = Map.of(
                "Notify Authorities", "Authorities Not Notified",
                "Notify Owner", "Owner Not Notified",
                "Notify Owner (Standard)", "Owner Not Notified (Standard)");
        for (var n : notifications.entrySet()) {
            String state = n.getKey();
            TestStateResponse sent = mocked(
                    state, parse("{}"), validated(), "{\"MessageId\": \"0b8a7c1e-1111-2222-3333-444455556666\"}");
            ends(sent);
            assertThat(output(sent))
                    .isEqualTo(DefinitionUnderTest.JSON
                            .createObjectNode()
                            .set(n.getValue(), parse("{\"MessageId\": \"0b8a7c1e-1111-2222-3333-444455556666\"}")));
            JsonNode published = arguments(sent);
            assertThat(published
                            .at("/MessageAttributes/incident_id/StringValue")
                            .asText())
                    .isEqualTo(INCIDENT);
            assertThat(published.get("Subject").asText()).endsWith("panic_button - VEH-001");
            assertThat(published.get("Message").asText()).contains("VEH-001", "DRV-789", INCIDENT);
            caught(
                    failing(state, parse("{}"), validated(), "SNS.AuthorizationErrorException", 0),
                    fallbacks.get(state),
                    0);
            retriesThenCatches(state, parse("{}"), validated(), fallbacks.get(state));
        }
        JsonNode authorities =
                arguments(mocked("Notify Authorities", parse("{}"), validated(), "{\"MessageId\": \"m\"}"));
        assertThat(authorities.get("Subject").asText()).isEqualTo("EMERGENCY panic_button - VEH-001");
        assertThat(authorities.get("TopicArn").asText()).endsWith(":ccs-test-authorities");
        assertThat(authorities.get("Message").asText())
                .isEqualTo(String.join(
                        "\n",
                        "Emergency: panic_button (severity critical)",
                        "Vehicle: VEH-001",
                        "Driver: DRV-789",
                        "Location: 4.711, -74.0721 https://maps.google.com/?q=4.711,-74.0721",
                        "Event time: 2023-11-14T22:13:20.000Z (UTC, epoch ms 1700000000000)",
                        "Incident: " + INCIDENT));
        JsonNode owner = arguments(mocked("Notify Owner", parse("{}"), validated(), "{\"MessageId\": \"m\"}"));
        assertThat(owner.get("Subject").asText()).isEqualTo("Alert: panic_button - VEH-001");
        assertThat(owner.get("TopicArn").asText()).endsWith(":ccs-test-owner");
        JsonNode standard =
                arguments(mocked("Notify Owner (Standard)", parse("{}"), validated(), "{\"MessageId\": \"m\"}"));
        assertThat(standard.get("Subject").asText()).isEqualTo("Notice: panic_button - VEH-001");
        assertThat(standard.get("Message").asText()).doesNotContain("authorities");
    }

    @Test
    void activateVideoRecordingKeepsTheFunctionsAnswerAndCatchesItsFailure() {
        String answer = "{\"status\": \"recording\", \"recording_id\": \"REC-1\"}";
        TestStateResponse recording = mocked(
                "Activate Video Recording",
                parse("{}"),
                validated(),
                "{\"StatusCode\": 200, \"Payload\": " + answer + "}");
        ends(recording);
        assertThat(output(recording)).isEqualTo(parse("{\"videoRecording\": " + answer + "}"));
        JsonNode payload = arguments(recording).get("Payload");
        assertThat(payload.get("incident_id").asText()).isEqualTo(INCIDENT);
        assertThat(payload.get("event_timestamp").asLong()).isEqualTo(1700000000000L);
        assertThat(payload.get("location")).isEqualTo(parse("{\"lat\": 4.711, \"lon\": -74.0721}"));
        caught(
                failing(
                        "Activate Video Recording",
                        parse("{}"),
                        validated(),
                        "com.ccs.workflows.errors.InvalidInputException",
                        0),
                "Recording Unavailable",
                0);
        retriesThenCatches("Activate Video Recording", parse("{}"), validated(), "Recording Unavailable");
    }

    @Test
    void aBranchThatCaughtItsFailureAnswersStatusFailed() {
        Map<String, String> fallbacks = Map.of(
                "Authorities Not Notified", "authoritiesNotification",
                "Owner Not Notified", "ownerNotification",
                "Owner Not Notified (Standard)", "ownerNotification",
                "Recording Unavailable", "videoRecording");
        for (var f : fallbacks.entrySet()) {
            TestStateResponse withCause =
                    run(f.getKey(), parse("{\"Error\": \"SNS.NotFound\", \"Cause\": \"no topic\"}"), validated());
            ends(withCause);
            assertThat(output(withCause))
                    .isEqualTo(DefinitionUnderTest.JSON
                            .createObjectNode()
                            .set(
                                    f.getValue(),
                                    parse("{\"status\": \"failed\", \"error\": \"SNS.NotFound\", \"cause\":"
                                            + " \"no topic\"}")));
            TestStateResponse withoutCause = run(f.getKey(), parse("{\"Error\": \"States.Timeout\"}"), validated());
            assertThat(output(withoutCause).get(f.getValue()).get("cause").asText())
                    .isEqualTo("no cause given");
        }
    }

    // ---- after the response

    private static JsonNode branches(String authorities, String owner, String video) {
        return parse("[{\"authoritiesNotification\": " + authorities + "}, {\"ownerNotification\": " + owner
                + "}, {\"videoRecording\": " + video + "}]");
    }

    @Test
    void checkNotificationsNamesEveryChannelThatFailed() {
        String sent = "{\"MessageId\": \"m-1\"}";
        String authoritiesFailed = "{\"status\": \"failed\", \"error\": \"SNS.A\", \"cause\": \"ca\"}";
        String ownerFailed = "{\"status\": \"failed\", \"error\": \"SNS.O\", \"cause\": \"co\"}";
        String recording = "{\"status\": \"recording\"}";

        JsonNode both = branches(authoritiesFailed, ownerFailed, recording);
        TestStateResponse bothFailed = run("Check Notifications", both, validated());
        goesTo(bothFailed, "Record Failure");
        assertThat(variables(bothFailed).get("failure"))
                .isEqualTo(failure(
                        "SNS.A",
                        "authorities notification failed: ca | owner notification failed: co",
                        "authorities,owner"));
        assertThat(variables(bothFailed).get("parallelResults")).isEqualTo(both);

        TestStateResponse authorities =
                run("Check Notifications", branches(authoritiesFailed, sent, recording), validated());
        goesTo(authorities, "Record Failure");
        assertThat(variables(authorities).get("failure"))
                .isEqualTo(failure("SNS.A", "authorities notification failed: ca", "authorities"));

        TestStateResponse owner = run("Check Notifications", branches(sent, ownerFailed, recording), validated());
        goesTo(owner, "Record Failure");
        assertThat(variables(owner).get("failure"))
                .isEqualTo(failure("SNS.O", "owner notification failed: co", "owner"));

        JsonNode standardFailed = parse("[{\"ownerNotification\": " + ownerFailed + "}]");
        TestStateResponse standard = run("Check Notifications", standardFailed, validated());
        goesTo(standard, "Record Failure");
        assertThat(variables(standard).get("failure").get("Channel").asText()).isEqualTo("owner");

        JsonNode fine = branches(sent, sent, "{\"status\": \"failed\", \"error\": \"E\", \"cause\": \"C\"}");
        TestStateResponse none = run("Check Notifications", fine, validated());
        goesTo(none, "Update Incident Status");
        assertThat(variables(none).get("parallelResults")).isEqualTo(fine);
        assertThat(variables(none).has("failure")).isFalse();
        goesTo(
                run("Check Notifications", parse("[{\"ownerNotification\": " + sent + "}]"), validated()),
                "Update Incident Status");
    }

    @Test
    void updateIncidentStatusMarksTheIncidentNotifiedWithTheVideosStatus() {
        String stored = "{\"incident_id\": {\"S\": \"" + INCIDENT + "\"}, \"status\": {\"S\": \"notified\"},"
                + " \"vehicle_id\": {\"S\": \"VEH-001\"}}";
        ObjectNode variables = validated();
        variables.set(
                "parallelResults",
                branches(
                        "{\"MessageId\": \"a\"}",
                        "{\"MessageId\": \"o\"}",
                        "{\"status\": \"failed\", \"error\": \"Lambda.Unknown\", \"cause\": \"no camera\"}"));
        TestStateResponse updated =
                mocked("Update Incident Status", parse("{}"), variables, "{\"Attributes\": " + stored + "}");
        goesTo(updated, "Log Completion");
        assertThat(output(updated).get("incidentRecord"))
                .isEqualTo(parse(
                        "{\"incident_id\": {\"S\": \"" + INCIDENT + "\"}, \"status\": {\"S\":" + " \"notified\"}}"));
        JsonNode values = arguments(updated).get("ExpressionAttributeValues");
        assertThat(values.at("/:video_status/S").asText()).isEqualTo("failed");
        assertThat(values.at("/:video_error/S").asText()).isEqualTo("Lambda.Unknown: no camera");
        assertThat(values.at("/:me/S").asText()).isEqualTo(EXECUTION_ID);

        variables.set(
                "parallelResults",
                branches("{\"MessageId\": \"a\"}", "{\"MessageId\": \"o\"}", "{\"status\": \"recording\"}"));
        values = arguments(mocked("Update Incident Status", parse("{}"), variables, "{\"Attributes\": " + stored + "}"))
                .get("ExpressionAttributeValues");
        assertThat(values.at("/:video_status/S").asText()).isEqualTo("recording");
        assertThat(values.at("/:video_error/S").asText()).isEqualTo("none");

        variables.set("parallelResults", parse("[{\"ownerNotification\": {\"MessageId\": \"o\"}}]"));
        values = arguments(mocked("Update Incident Status", parse("{}"), variables, "{\"Attributes\": " + stored + "}"))
                .get("ExpressionAttributeValues");
        assertThat(values.at("/:video_status/S").asText()).isEqualTo("not_requested");
        assertThat(values.at("/:video_error/S").asText()).isEqualTo("none");

        TestStateResponse lost = failing(
                "Update Incident Status", parse("{}"), variables, "DynamoDB.ConditionalCheckFailedException", 0);
        caught(lost, "Record Failure", 0);
        assertThat(variables(lost).get("failure"))
                .isEqualTo(failure(
                        "DynamoDB.ConditionalCheckFailedException",
                        "DynamoDB.ConditionalCheckFailedException in a test",
                        "incident_status"));
        retriesThenCatches("Update Incident Status", parse("{}"), variables, "Record Failure");
    }

    @Test
    void logCompletionAnswersTheIncidentTheResultsAndTheTime() {
        ObjectNode variables = validated();
        JsonNode results = branches("{\"MessageId\": \"a\"}", "{\"MessageId\": \"o\"}", "{\"status\": \"recording\"}");
        variables.set("parallelResults", results);
        JsonNode record = parse("{\"incidentRecord\": {\"incident_id\": {\"S\": \"" + INCIDENT + "\"}}}");
        TestStateResponse done = run("Log Completion", record, variables);
        ends(done);
        JsonNode out = output(done);
        assertThat(out.get("incidentRecord")).isEqualTo(record.get("incidentRecord"));
        assertThat(out.get("parallelResults")).isEqualTo(results);
        assertThat(out.get("executionTime").asText()).matches("-?\\d+\\.\\d{2}s");
        assertThat(out.size()).isEqualTo(3);
    }

    // ---- failures

    @Test
    void recordFailureWritesTheFailureOnTheIncident() {
        ObjectNode variables = validated();
        variables.set("failure", failure("SNS.A", "authorities notification failed: ca", "authorities"));
        TestStateResponse recorded = mocked("Record Failure", parse("{}"), variables, "{}");
        goesTo(recorded, "Queued Event?");
        JsonNode update = arguments(recorded);
        assertThat(update.at("/Key/incident_id/S").asText()).isEqualTo(INCIDENT);
        assertThat(update.at("/ExpressionAttributeValues/:error/S").asText()).isEqualTo("SNS.A");
        assertThat(update.at("/ExpressionAttributeValues/:cause/S").asText())
                .isEqualTo("authorities notification failed: ca");
        assertThat(update.at("/ExpressionAttributeValues/:channel/S").asText()).isEqualTo("authorities");
        caught(
                failing("Record Failure", parse("{}"), variables, "DynamoDB.ConditionalCheckFailedException", 0),
                "Incident Response Failed",
                0);
        retriesThenCatches("Record Failure", parse("{}"), variables, "Incident Response Failed");
    }

    @Test
    void queuedEventParksAQueuedFailureAndFailsADirectOne() {
        goesTo(run("Queued Event?", parse("{}"), queued()), "Park Failed Event");
        goesTo(run("Queued Event?", parse("{}"), validated()), "Incident Response Failed");
    }

    @Test
    void parkFailedEventSendsTheEventToTheDeadLetterQueueWithTheFailure() {
        ObjectNode variables = queued();
        variables.set("failure", failure("SNS.O", "owner notification failed: co", "owner"));
        TestStateResponse parked = mocked(
                "Park Failed Event",
                parse("{}"),
                variables,
                "{\"MessageId\": \"dlq-0002\", \"MD5OfMessageBody\": \"d41d8cd98f00b204e9800998ecf8427e\","
                        + " \"SequenceNumber\": \"2\"}");
        ends(parked);
        assertThat(output(parked))
                .isEqualTo(DefinitionUnderTest.JSON
                        .createObjectNode()
                        .put("parked", true)
                        .put("incidentId", INCIDENT)
                        .put("status", "failed")
                        .put("error", "SNS.O")
                        .put("cause", "owner notification failed: co")
                        .put("sourceMessageId", "msg-1")
                        .put("deadLetterMessageId", "dlq-0002"));
        JsonNode sent = arguments(parked);
        assertThat(sent.get("MessageBody").asText()).isEqualTo(BODY);
        assertThat(sent.get("QueueUrl").asText()).endsWith("/ccs-test-emergency-dlq.fifo");
        assertThat(sent.at("/MessageAttributes/error/StringValue").asText()).isEqualTo("SNS.O");
        assertThat(sent.at("/MessageAttributes/incident_id/StringValue").asText())
                .isEqualTo(INCIDENT);
        retriesThenCatches("Park Failed Event", parse("{}"), variables, "Incident Response Failed");

        fails(run("Incident Response Failed", parse("{}"), variables), "SNS.O", "owner notification failed: co");
    }

    // ---- coverage

    @Test
    @Order(Integer.MAX_VALUE)
    void everyStateOfTheDefinitionWasTested() {
        workflow.assertEveryStateTested();
    }

    // ---- Retry and Catch, as the definition declares them

    /**
     * Every error each Retry of the state names is retried (RETRIABLE, with that Retry's index and a backoff no
     * longer than its schedule allows); once its attempts are spent the error goes to {@code catchNext}, the error
     * output as the state's output.
     */
    private static void retriesThenCatches(String state, JsonNode in, JsonNode variables, String catchNext) {
        JsonNode retriers = find(workflow.states(), state).get("Retry");
        assertThat(retriers).as(state + " has a Retry").isNotNull();
        for (int r = 0; r < retriers.size(); r++) {
            JsonNode retrier = retriers.get(r);
            int maxAttempts = retrier.path("MaxAttempts").asInt(3);
            for (JsonNode error : retrier.get("ErrorEquals")) {
                retriable(failing(state, in, variables, error.asText(), 0), r, backoff(retrier, 0));
            }
            String error = retrier.get("ErrorEquals").get(0).asText();
            if (error.equals("States.ALL")) {
                error = "States.TaskFailed";
            }
            retriable(failing(state, in, variables, error, maxAttempts - 1), r, backoff(retrier, maxAttempts - 1));
            TestStateResponse spent = failing(state, in, variables, error, maxAttempts);
            assertThat(spent.status())
                    .as(state + " after " + maxAttempts + " retries of " + error)
                    .isEqualTo(TestExecutionStatus.CAUGHT_ERROR);
            assertThat(spent.nextState()).isEqualTo(catchNext);
            assertThat(output(spent))
                    .isEqualTo(parse("{\"Error\": \"" + error + "\", \"Cause\": \"" + error + " in a test\"}"));
        }
    }

    /** A state's definition, in a Parallel branch too. */
    private static JsonNode find(JsonNode program, String name) {
        if (program.has(name)) {
            return program.get(name);
        }
        for (JsonNode state : program) {
            for (JsonNode branch : state.path("Branches")) {
                JsonNode found = find(branch.get("States"), name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static void retriable(TestStateResponse response, int retryIndex, int backoff) {
        assertThat(response.status()).as(response.error()).isEqualTo(TestExecutionStatus.RETRIABLE);
        assertThat(response.output()).isNull();
        var details = response.inspectionData().errorDetails();
        assertThat(details.retryIndex()).isEqualTo(retryIndex);
        // With JitterStrategy FULL the wait is random up to the schedule's value.
        assertThat(details.retryBackoffIntervalSeconds()).isBetween(0, backoff);
    }

    private static void caught(TestStateResponse response, String next, int catchIndex) {
        assertThat(response.status())
                .as(response.error() + ": " + response.cause())
                .isEqualTo(TestExecutionStatus.CAUGHT_ERROR);
        assertThat(response.nextState()).isEqualTo(next);
        assertThat(response.inspectionData().errorDetails().catchIndex()).isEqualTo(catchIndex);
        assertThat(output(response).get("Error").asText()).isEqualTo(response.error());
    }

    /** IntervalSeconds x BackoffRate^retries, capped by MaxDelaySeconds (AWS's defaults: 1 s, 2.0). */
    private static int backoff(JsonNode retrier, int retries) {
        double seconds = retrier.path("IntervalSeconds").asDouble(1)
                * Math.pow(retrier.path("BackoffRate").asDouble(2), retries);
        if (retrier.has("MaxDelaySeconds")) {
            seconds = Math.min(seconds, retrier.get("MaxDelaySeconds").asDouble());
        }
        return (int) seconds;
    }
}
