package com.ccs.workflows.localrunner.api;

import static com.ccs.workflows.localrunner.api.ApiErrorsAssert.awsError;
import static com.ccs.workflows.localrunner.api.LocalSfn.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.model.RoutingConfigurationListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineAliasListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineVersionListItem;

/** Versions and aliases through the AWS SDK: publishing, routing by weight, and AWS's rules on both. */
class VersionsAndAliasesApiTest {
    private static final String V1 =
            json("{'StartAt': 'Hi', 'States': {'Hi': {'Type': 'Pass', 'Result': 'v1'," + " 'End': true}}}");
    private static final String V2 =
            json("{'StartAt': 'Hi', 'States': {'Hi': {'Type': 'Pass', 'Result': 'v2'," + " 'End': true}}}");

    @RegisterExtension
    final LocalSfn local = LocalSfn.virtual();

    private static RoutingConfigurationListItem route(String versionArn, int weight) {
        return RoutingConfigurationListItem.builder()
                .stateMachineVersionArn(versionArn)
                .weight(weight)
                .build();
    }

    /** A machine published as version 1 (V1), then updated to V2 and published as version 2. */
    private String[] twoVersions(String name) {
        var created = local.sfn.createStateMachine(b ->
                b.name(name).definition(V1).roleArn(LocalSfn.ROLE).publish(true).versionDescription("first"));
        var updated = local.sfn.updateStateMachine(b -> b.stateMachineArn(created.stateMachineArn())
                .definition(V2)
                .publish(true)
                .versionDescription("second"));
        return new String[] {
            created.stateMachineArn(), created.stateMachineVersionArn(), updated.stateMachineVersionArn()
        };
    }

    @Test
    void publishingSnapshotsTheMachineAndANewVersionOnlyComesFromANewRevision() {
        String[] arns = twoVersions("orders");
        String machine = arns[0];
        assertThat(arns[1]).isEqualTo(machine + ":1");
        assertThat(arns[2]).isEqualTo(machine + ":2");

        var first = local.sfn.describeStateMachine(b -> b.stateMachineArn(machine + ":1"));
        assertThat(first.stateMachineArn()).isEqualTo(machine + ":1");
        assertThat(first.definition()).isEqualTo(V1);
        assertThat(first.description()).isEqualTo("first");
        assertThat(local.sfn
                        .describeStateMachine(b -> b.stateMachineArn(machine))
                        .definition())
                .isEqualTo(V2);

        // Publishing the revision already published answers its version; a stale revisionId is a conflict.
        String revision =
                local.sfn.describeStateMachine(b -> b.stateMachineArn(machine)).revisionId();
        assertThat(revision).isNotBlank();
        assertThat(local.sfn
                        .publishStateMachineVersion(b -> b.stateMachineArn(machine))
                        .stateMachineVersionArn())
                .isEqualTo(machine + ":2");
        assertThat(local.sfn
                        .publishStateMachineVersion(
                                b -> b.stateMachineArn(machine).revisionId(revision))
                        .stateMachineVersionArn())
                .isEqualTo(machine + ":2");
        awsError(
                () -> local.sfn.publishStateMachineVersion(
                        b -> b.stateMachineArn(machine).revisionId("INITIAL")),
                "ConflictException");

        assertThat(local.sfn
                        .listStateMachineVersions(b -> b.stateMachineArn(machine))
                        .stateMachineVersions())
                .extracting(StateMachineVersionListItem::stateMachineVersionArn)
                .containsExactly(machine + ":2", machine + ":1");
        var page = local.sfn.listStateMachineVersions(
                b -> b.stateMachineArn(machine).maxResults(1));
        assertThat(page.stateMachineVersions()).hasSize(1);
        assertThat(local.sfn
                        .listStateMachineVersions(
                                b -> b.stateMachineArn(machine).nextToken(page.nextToken()))
                        .stateMachineVersions())
                .extracting(StateMachineVersionListItem::stateMachineVersionArn)
                .containsExactly(machine + ":1");

        // Version numbers are never reused, even after a delete.
        local.sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(machine + ":2"));
        local.sfn.updateStateMachine(b -> b.stateMachineArn(machine).definition(V1));
        assertThat(local.sfn
                        .publishStateMachineVersion(
                                b -> b.stateMachineArn(machine).description("again"))
                        .stateMachineVersionArn())
                .isEqualTo(machine + ":3");
        awsError(
                () -> local.sfn.describeStateMachine(b -> b.stateMachineArn(machine + ":2")),
                "StateMachineDoesNotExist");
        awsError(
                () -> local.sfn.createStateMachine(
                        b -> b.name("x").definition(V1).roleArn(LocalSfn.ROLE).versionDescription("no publish")),
                "ValidationException");
    }

    @Test
    void executionsStartedByAVersionOrAnAliasRunItAndSaySo() {
        String[] arns = twoVersions("orders");
        String machine = arns[0];
        String alias = local.sfn
                .createStateMachineAlias(
                        b -> b.name("PROD").description("live").routingConfiguration(route(arns[1], 100)))
                .stateMachineAliasArn();
        assertThat(alias).isEqualTo(machine + ":PROD");

        var byAlias = local.awaitEnd(
                local.sfn.startExecution(b -> b.stateMachineArn(alias)).executionArn());
        assertThat(byAlias.output()).isEqualTo("\"v1\"");
        assertThat(byAlias.stateMachineArn()).isEqualTo(machine);
        assertThat(byAlias.stateMachineVersionArn()).isEqualTo(arns[1]);
        assertThat(byAlias.stateMachineAliasArn()).isEqualTo(alias);

        var byVersion = local.awaitEnd(
                local.sfn.startExecution(b -> b.stateMachineArn(arns[2])).executionArn());
        assertThat(byVersion.output()).isEqualTo("\"v2\"");
        assertThat(byVersion.stateMachineVersionArn()).isEqualTo(arns[2]);
        assertThat(byVersion.stateMachineAliasArn()).isNull();
        assertThat(local.sfn
                        .describeStateMachineForExecution(b -> b.executionArn(byAlias.executionArn()))
                        .definition())
                .isEqualTo(V1);
        var unqualified = local.awaitEnd(
                local.sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn());
        assertThat(unqualified.stateMachineVersionArn()).isNull();

        assertThat(local.sfn.listExecutions(b -> b.stateMachineArn(arns[1])).executions())
                .hasSize(1);
        assertThat(local.sfn.listExecutions(b -> b.stateMachineArn(alias)).executions())
                .hasSize(1);
        assertThat(local.sfn.listExecutions(b -> b.stateMachineArn(machine)).executions())
                .hasSize(3);
        awsError(() -> local.sfn.startExecution(b -> b.stateMachineArn(machine + ":9")), "StateMachineDoesNotExist");
        awsError(() -> local.sfn.startExecution(b -> b.stateMachineArn(machine + ":TEST")), "StateMachineDoesNotExist");
    }

    @Test
    void anAliasSplitsExecutionsBetweenTwoVersionsByWeight() {
        String[] arns = twoVersions("orders");
        String alias = local.sfn
                .createStateMachineAlias(b -> b.name("canary").routingConfiguration(route(arns[1], 100)))
                .stateMachineAliasArn();
        var before = local.sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(alias));
        local.sfn.updateStateMachineAlias(
                b -> b.stateMachineAliasArn(alias).routingConfiguration(route(arns[1], 50), route(arns[2], 50)));
        var after = local.sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(alias));
        assertThat(after.name()).isEqualTo("canary");
        assertThat(after.routingConfiguration()).containsExactly(route(arns[1], 50), route(arns[2], 50));
        assertThat(after.creationDate()).isEqualTo(before.creationDate());

        Map<String, Integer> runs = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            String execution =
                    local.sfn.startExecution(b -> b.stateMachineArn(alias)).executionArn();
            runs.merge(local.awaitEnd(execution).stateMachineVersionArn(), 1, Integer::sum);
        }
        // 50/50 over 100 draws: each side gets some (all on one side has a chance of 2^-99).
        assertThat(runs).containsOnlyKeys(arns[1], arns[2]);

        local.sfn.updateStateMachineAlias(
                b -> b.stateMachineAliasArn(alias).routingConfiguration(route(arns[1], 0), route(arns[2], 100)));
        for (int i = 0; i < 10; i++) {
            assertThat(local.awaitEnd(local.sfn
                                    .startExecution(b -> b.stateMachineArn(alias))
                                    .executionArn())
                            .output())
                    .isEqualTo("\"v2\"");
        }
    }

    @Test
    void aliasesFollowAwsRules() {
        String[] arns = twoVersions("orders");
        String[] other = twoVersions("billing");
        awsError(
                () -> local.sfn.createStateMachineAlias(
                        b -> b.name("PROD").routingConfiguration(route(arns[1], 60), route(arns[2], 30))),
                "ValidationException");
        awsError(
                () -> local.sfn.createStateMachineAlias(
                        b -> b.name("PROD").routingConfiguration(route(arns[1], 50), route(arns[1], 50))),
                "ValidationException");
        awsError(
                () -> local.sfn.createStateMachineAlias(
                        b -> b.name("PROD").routingConfiguration(route(arns[1], 50), route(other[1], 50))),
                "ValidationException");
        awsError(
                () -> local.sfn.createStateMachineAlias(b -> b.name("PROD")
                        .routingConfiguration(route(arns[1], 50), route(arns[2], 25), route(arns[0] + ":1", 25))),
                "ValidationException");
        awsError(
                () -> local.sfn.createStateMachineAlias(
                        b -> b.name("PROD").routingConfiguration(route(arns[0] + ":7", 100))),
                "ResourceNotFound");
        awsError(
                () -> local.sfn.createStateMachineAlias(b -> b.name("PROD").routingConfiguration(route(arns[0], 100))),
                "ValidationException");
        awsError(
                () -> local.sfn.createStateMachineAlias(b -> b.name("42").routingConfiguration(route(arns[1], 100))),
                "ValidationException");

        String prod = local.sfn
                .createStateMachineAlias(b -> b.name("PROD").routingConfiguration(route(arns[1], 100)))
                .stateMachineAliasArn();
        assertThat(local.sfn
                        .createStateMachineAlias(b -> b.name("PROD").routingConfiguration(route(arns[1], 100)))
                        .stateMachineAliasArn())
                .isEqualTo(prod); // the same request again: idempotent
        awsError(
                () -> local.sfn.createStateMachineAlias(b -> b.name("PROD").routingConfiguration(route(arns[2], 100))),
                "ConflictException");
        awsError(() -> local.sfn.updateStateMachineAlias(b -> b.stateMachineAliasArn(prod)), "ValidationException");
        awsError(
                () -> local.sfn.updateStateMachineAlias(
                        b -> b.stateMachineAliasArn(prod).routingConfiguration(route(other[1], 100))),
                "ValidationException");
        String beta = local.sfn
                .createStateMachineAlias(b -> b.name("beta").routingConfiguration(route(arns[2], 100)))
                .stateMachineAliasArn();
        assertThat(local.sfn
                        .listStateMachineAliases(b -> b.stateMachineArn(arns[0]))
                        .stateMachineAliases())
                .extracting(StateMachineAliasListItem::stateMachineAliasArn)
                .containsExactly(prod, beta);

        // A version an alias routes to stays until the alias no longer does.
        awsError(
                () -> local.sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(arns[1])), "ConflictException");
        local.sfn.deleteStateMachineAlias(b -> b.stateMachineAliasArn(prod));
        awsError(() -> local.sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(prod)), "ResourceNotFound");
        awsError(() -> local.sfn.startExecution(b -> b.stateMachineArn(prod)), "StateMachineDoesNotExist");
        local.sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(arns[1]));
        assertThat(local.sfn
                        .listStateMachineVersions(b -> b.stateMachineArn(arns[0]))
                        .stateMachineVersions())
                .extracting(StateMachineVersionListItem::stateMachineVersionArn)
                .containsExactly(arns[2]);

        // Deleting the machine takes its versions and aliases with it.
        local.sfn.deleteStateMachine(b -> b.stateMachineArn(arns[0]));
        awsError(() -> local.sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(beta)), "ResourceNotFound");
        awsError(() -> local.sfn.describeStateMachine(b -> b.stateMachineArn(arns[2])), "StateMachineDoesNotExist");
        assertThat(List.of(other)).allSatisfy(arn -> local.sfn.describeStateMachine(b -> b.stateMachineArn(arn)));
    }

    @Test
    void anExpressVersionRunsSynchronously() {
        var created = local.sfn.createStateMachine(b -> b.name("quick")
                .definition(V1)
                .roleArn(LocalSfn.ROLE)
                .type("EXPRESS")
                .publish(true));
        var answer = local.sfn.startSyncExecution(b -> b.stateMachineArn(created.stateMachineVersionArn()));
        assertThat(answer.statusAsString()).isEqualTo("SUCCEEDED");
        assertThat(answer.output()).isEqualTo("\"v1\"");
    }
}
