package com.ccs.workflows.localrunner.api;

import static com.ccs.workflows.localrunner.api.ApiErrorsAssert.awsError;
import static com.ccs.workflows.localrunner.api.LocalSfn.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.ListStateMachinesResponse;
import software.amazon.awssdk.services.sfn.model.LogLevel;
import software.amazon.awssdk.services.sfn.model.MissingRequiredParameterException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineStatus;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

class StateMachineApiTest {
    private static final String PASS = json("{'StartAt': 'P', 'States': {'P': {'Type': 'Pass', 'End': true}}}");
    private static final String OTHER = json("{'StartAt': 'Q', 'States': {'Q': {'Type': 'Succeed'}}}");

    @RegisterExtension
    final LocalSfn local = LocalSfn.virtual();

    @Test
    void createThenDescribe() {
        var created = local.sfn.createStateMachine(
                b -> b.name("orders").definition(PASS).roleArn(LocalSfn.ROLE));
        assertThat(created.stateMachineArn()).isEqualTo("arn:aws:states:us-east-1:123456789:stateMachine:orders");
        assertThat(created.creationDate()).isNotNull();

        var described = local.sfn.describeStateMachine(b -> b.stateMachineArn(created.stateMachineArn()));
        assertThat(described.name()).isEqualTo("orders");
        assertThat(described.definition()).isEqualTo(PASS);
        assertThat(described.roleArn()).isEqualTo(LocalSfn.ROLE);
        assertThat(described.type()).isEqualTo(StateMachineType.STANDARD);
        assertThat(described.status()).isEqualTo(StateMachineStatus.ACTIVE);
        assertThat(described.creationDate()).isEqualTo(created.creationDate());
        assertThat(described.loggingConfiguration().level()).isEqualTo(LogLevel.OFF);
    }

    @Test
    void createIsIdempotentForTheSameDefinitionOnly() {
        String arn = local.create("orders", PASS);
        assertThat(local.create("orders", PASS)).isEqualTo(arn);
        awsError(() -> local.create("orders", OTHER), "StateMachineAlreadyExists");
    }

    @Test
    void expressMachinesKeepTheirType() {
        String arn = local.createExpress("fast", PASS);
        assertThat(local.sfn.describeStateMachine(b -> b.stateMachineArn(arn)).type())
                .isEqualTo(StateMachineType.EXPRESS);
    }

    @Test
    void invalidDefinitionsAreRefusedWithTheProblems() {
        var e = awsError(
                () -> local.create(
                        "bad", json("{'StartAt': 'A', 'States': {'A': {'Type': 'Pass', 'Next': 'Nowhere'}}}")),
                "InvalidDefinition");
        assertThat(e).isInstanceOf(InvalidDefinitionException.class);
        assertThat(e.awsErrorDetails().errorMessage())
                .startsWith("Invalid State Machine Definition: ")
                .contains("MISSING_TRANSITION_TARGET")
                .contains("Nowhere");
        awsError(() -> local.create("notjson", "{'StartAt"), "InvalidDefinition");
        // A callback task cannot run in an EXPRESS machine.
        awsError(
                () -> local.createExpress(
                        "callback",
                        json("{'StartAt': 'T', 'States': {'T': {'Type': 'Task',"
                                + " 'Resource': 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', 'Parameters': {'QueueUrl': 'q',"
                                + " 'MessageBody': {'token.$': '$$.Task.Token'}}, 'End': true}}}")),
                "InvalidDefinition");
    }

    @Test
    void badNamesTypesAndRolesAreRefused() {
        assertThat(awsError(() -> local.create("has space", PASS), "InvalidName"))
                .isInstanceOf(InvalidNameException.class);
        var tooLong = awsError(() -> local.create("x".repeat(81), PASS), "ValidationException");
        assertThat(tooLong.awsErrorDetails().errorMessage())
                .contains("'name'")
                .contains("length less than or equal to 80");
        awsError(
                () -> local.sfn.createStateMachine(
                        b -> b.name("t").definition(PASS).roleArn(LocalSfn.ROLE).type("BATCH")),
                "ValidationException");
        var noRole =
                awsError(() -> local.sfn.createStateMachine(b -> b.name("r").definition(PASS)), "ValidationException");
        assertThat(noRole.awsErrorDetails().errorMessage())
                .isEqualTo("1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member"
                        + " must not be null");
        assertThat(awsError(
                        () -> local.sfn.createStateMachine(
                                b -> b.name("r").definition(PASS).roleArn("role")),
                        "InvalidArn"))
                .isInstanceOf(InvalidArnException.class);
    }

    @Test
    void describingUnknownOrMalformedArns() {
        var missing = awsError(
                () -> local.sfn.describeStateMachine(b -> b.stateMachineArn(local.machineArn("nope"))),
                "StateMachineDoesNotExist");
        assertThat(missing).isInstanceOf(StateMachineDoesNotExistException.class);
        assertThat(missing.awsErrorDetails().errorMessage()).contains(local.machineArn("nope"));
        var malformed = awsError(() -> local.sfn.describeStateMachine(b -> b.stateMachineArn("orders")), "InvalidArn");
        assertThat(malformed.awsErrorDetails().errorMessage()).isEqualTo("Invalid Arn: 'Invalid ARN prefix: orders'");
        var wrongType = awsError(
                () -> local.sfn.describeStateMachine(
                        b -> b.stateMachineArn("arn:aws:states:us-east-1:123456789:execution:orders:run-1")),
                "InvalidArn");
        assertThat(wrongType.awsErrorDetails().errorMessage())
                .contains("Resource type not valid in this context: execution");
        awsError(() -> local.sfn.describeStateMachine(b -> {}), "ValidationException");
    }

    @Test
    void listIsPaginatedOldestFirst() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(local.create("machine-" + i, PASS));
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListStateMachinesResponse page =
                    local.sfn.listStateMachines(b -> b.maxResults(3).nextToken(t));
            assertThat(page.stateMachines()).hasSizeLessThanOrEqualTo(3);
            page.stateMachines().forEach(m -> {
                assertThat(m.type()).isEqualTo(StateMachineType.STANDARD);
                assertThat(m.creationDate()).isNotNull();
            });
            seen.addAll(page.stateMachines().stream()
                    .map(StateMachineListItem::stateMachineArn)
                    .toList());
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(3);
        // Oldest first; the virtual clock gives them one creation date, so the ARN decides.
        assertThat(seen).containsExactlyElementsOf(created);
        assertThat(local.sfn.listStateMachines(b -> {}).stateMachines()).hasSize(7);
        // The SDK paginator follows nextToken by itself.
        assertThat(local.sfn.listStateMachinesPaginator(b -> b.maxResults(2)).stateMachines())
                .hasSize(7);
        awsError(() -> local.sfn.listStateMachines(b -> b.nextToken("garbage")), "InvalidToken");
        awsError(() -> local.sfn.listStateMachines(b -> b.maxResults(1001)), "ValidationException");
    }

    @Test
    void updateReplacesDefinitionAndRole() {
        String arn = local.create("orders", PASS);
        String role = "arn:aws:iam::123456789:role/other";
        var updated = local.sfn.updateStateMachine(
                b -> b.stateMachineArn(arn).definition(OTHER).roleArn(role));
        assertThat(updated.updateDate()).isNotNull();
        var described = local.sfn.describeStateMachine(b -> b.stateMachineArn(arn));
        assertThat(described.definition()).isEqualTo(OTHER);
        assertThat(described.roleArn()).isEqualTo(role);
        var run = local.sfn.startExecution(b -> b.stateMachineArn(arn));
        assertThat(local.awaitEnd(run.executionArn()).output()).isEqualTo("{}");

        assertThat(awsError(
                        () -> local.sfn.updateStateMachine(b -> b.stateMachineArn(arn)), "MissingRequiredParameter"))
                .isInstanceOf(MissingRequiredParameterException.class);
        awsError(() -> local.sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition("{}")), "InvalidDefinition");
        awsError(
                () -> local.sfn.updateStateMachine(
                        b -> b.stateMachineArn(local.machineArn("nope")).definition(OTHER)),
                "StateMachineDoesNotExist");
    }

    @Test
    void deleteRemovesTheMachine() {
        String arn = local.create("orders", PASS);
        local.sfn.deleteStateMachine(b -> b.stateMachineArn(arn));
        awsError(() -> local.sfn.describeStateMachine(b -> b.stateMachineArn(arn)), "StateMachineDoesNotExist");
        assertThat(local.sfn.listStateMachines(b -> {}).stateMachines()).isEmpty();
        awsError(() -> local.sfn.startExecution(b -> b.stateMachineArn(arn)), "StateMachineDoesNotExist");
        awsError(() -> local.sfn.deleteStateMachine(b -> b.stateMachineArn("nope")), "InvalidArn");
    }

    @Test
    void describeStateMachineForExecution() {
        String arn = local.create("orders", PASS);
        String execution = local.sfn.startExecution(b -> b.stateMachineArn(arn)).executionArn();
        var described = local.sfn.describeStateMachineForExecution(b -> b.executionArn(execution));
        assertThat(described.stateMachineArn()).isEqualTo(arn);
        assertThat(described.name()).isEqualTo("orders");
        assertThat(described.definition()).isEqualTo(PASS);
        assertThat(described.updateDate()).isNotNull();
        String missing = arn.replace(":stateMachine:", ":execution:") + ":missing";
        awsError(
                () -> local.sfn.describeStateMachineForExecution(b -> b.executionArn(missing)),
                "ExecutionDoesNotExist");
        awsError(() -> local.sfn.describeStateMachineForExecution(b -> b.executionArn(arn)), "InvalidArn");
    }
}
