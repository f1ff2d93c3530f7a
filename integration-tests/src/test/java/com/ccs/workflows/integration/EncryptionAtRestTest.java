package com.ccs.workflows.integration;

import static com.ccs.workflows.integration.TemplateConsistencyTest.asList;
import static com.ccs.workflows.integration.TemplateConsistencyTest.collectStatements;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every byte the stack keeps at rest is under the project key (WorkflowsKey): the log groups of functions, state
 * machines and the API, and both state machines' definitions and execution histories. Each principal that uses
 * an encrypted state machine may use the key for that machine's encryption context only.
 */
class EncryptionAtRestTest {
    private static final Path ROOT = Path.of(System.getProperty("ccs.projectRoot", ".."))
            .toAbsolutePath()
            .normalize();
    private static final Map<String, Object> KEY_ARN = Map.of("Fn::GetAtt", List.of("WorkflowsKey", "Arn"));
    private static final String STATES_CONTEXT = "kms:EncryptionContext:aws:states:stateMachineArn";
    private static SamTemplate template;

    @BeforeAll
    static void load() throws IOException {
        template = SamTemplate.load(ROOT.resolve("template.yaml"));
    }

    @Test
    void everyLogGroupIsEncryptedAndTheKeyLetsCloudWatchLogsUseItForTheseGroupsOnly() {
        Map<String, Map<String, Object>> groups = template.resourcesOfType("AWS::Logs::LogGroup");
        assertThat(groups).hasSizeGreaterThanOrEqualTo(11);
        Map<String, Object> logsStatement = keyStatement("CloudWatchLogsEncryptingTheProjectsLogGroups");
        @SuppressWarnings("unchecked")
        List<Map<String, String>> patterns =
                (List<Map<String, String>>) ((Map<String, Map<String, Object>>) logsStatement.get("Condition"))
                        .get("ArnLike")
                        .get("kms:EncryptionContext:aws:logs:arn");
        groups.forEach((id, group) -> {
            Map<String, Object> properties = SamTemplate.properties(group);
            assertThat(properties.get("KmsKeyId")).as(id).isEqualTo(KEY_ARN);
            @SuppressWarnings("unchecked")
            String name = ((Map<String, String>) properties.get("LogGroupName")).get("Fn::Sub");
            String arn = "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:" + name;
            assertThat(patterns)
                    .as("the key policy's log groups cover %s (%s)", id, arn)
                    .anySatisfy(p -> assertThat(arn).matches(glob(p.get("Fn::Sub"))));
        });
        assertThat(keyStatement("LogDeliveryOfTheEncryptedStateMachines"))
                .containsEntry("Action", "kms:Decrypt")
                .containsEntry("Principal", Map.of("Service", "delivery.logs.amazonaws.com"));
    }

    @Test
    void bothStateMachinesAreEncryptedAndTheirRolesMayUseTheKeyForTheirOwnExecutionsAndLogs() {
        Map<String, Map<String, Object>> machines = template.resourcesOfType("AWS::StepFunctions::StateMachine");
        assertThat(machines).containsOnlyKeys("EmergencyWorkflow", "BusinessWorkflow");
        machines.forEach((id, machine) -> {
            Map<String, Object> properties = SamTemplate.properties(machine);
            assertThat(properties.get("EncryptionConfiguration"))
                    .as(id)
                    .isEqualTo(Map.of(
                            "Type",
                            "CUSTOMER_MANAGED_KMS_KEY",
                            "KmsKeyId",
                            KEY_ARN,
                            "KmsDataKeyReusePeriodSeconds",
                            300));
            @SuppressWarnings("unchecked")
            String role = ((Map<String, List<String>>) properties.get("RoleArn"))
                    .get("Fn::GetAtt")
                    .get(0);
            List<Map<String, Object>> statements = statementsOf(role);
            assertThat(statements)
                    .as("%s may encrypt and decrypt %s's data", role, id)
                    .anySatisfy(s -> assertGrantsFor(s, arnOf(machine)));
            assertThat(statements)
                    .as("%s may make the data key of %s's log delivery", role, id)
                    .anySatisfy(s -> {
                        assertThat(asList(s.get("Action"))).containsExactly("kms:GenerateDataKey");
                        assertThat(s.get("Resource")).isEqualTo(KEY_ARN);
                        assertThat(String.valueOf(s.get("Condition")))
                                .contains(
                                        "kms:EncryptionContext:SourceArn",
                                        "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:*");
                    });
        });
    }

    @Test
    void everyCallerOfAnEncryptedStateMachineMayUseTheKeyForThatMachine() {
        List<String> checked = new ArrayList<>();
        template.resourcesOfType("AWS::StepFunctions::StateMachine").forEach((id, machine) -> {
            String arn = arnOf(machine);
            template.resources().forEach((principal, resource) -> {
                List<Map<String, Object>> statements = statementsOf(principal);
                boolean calls = statements.stream()
                        .anyMatch(s -> asList(s.get("Action")).stream()
                                        .anyMatch(a -> a.startsWith("states:Start") || a.startsWith("states:SendTask"))
                                && (String.valueOf(s.get("Resource")).contains(arn)
                                        || Map.of("Ref", id).equals(s.get("Resource"))));
                if (calls) {
                    checked.add(principal + " -> " + id);
                    assertThat(statements).as("%s calls %s", principal, id).anySatisfy(s -> assertGrantsFor(s, arn));
                }
            });
        });
        assertThat(checked)
                .contains(
                        "EmergencyPipeRole -> EmergencyWorkflow",
                        "ApiRole -> BusinessWorkflow",
                        "ApiRole -> EmergencyWorkflow",
                        "ApprovalCallbackFunction -> BusinessWorkflow");
    }

    @Test
    void everyGrantOnTheKeyIsLimitedToAServiceOrAnEncryptionContext() {
        List<Map<String, Object>> statements = new ArrayList<>();
        template.resources().forEach((id, resource) -> {
            if (!"AWS::KMS::Key".equals(resource.get("Type"))) {
                collectStatements(SamTemplate.properties(resource), statements);
            }
        });
        List<Map<String, Object>> kms = statements.stream()
                .filter(s -> asList(s.get("Action")).stream().anyMatch(a -> a.startsWith("kms:")))
                .toList();
        assertThat(kms)
                .hasSizeGreaterThan(15)
                .allSatisfy(s -> assertThat(String.valueOf(s.get("Condition")))
                        .as("%s", s)
                        .containsAnyOf("kms:ViaService", "kms:EncryptionContext:"));
    }

    private static void assertGrantsFor(Map<String, Object> statement, String machineArn) {
        assertThat(asList(statement.get("Action"))).containsExactlyInAnyOrder("kms:Decrypt", "kms:GenerateDataKey");
        assertThat(statement.get("Resource")).isEqualTo(KEY_ARN);
        assertThat(String.valueOf(statement.get("Condition"))).contains(STATES_CONTEXT, machineArn);
    }

    /** The ARN of a machine as the template writes it in a Sub: its name after {@code :stateMachine:}. */
    @SuppressWarnings("unchecked")
    private static String arnOf(Map<String, Object> machine) {
        return ":stateMachine:"
                + ((Map<String, String>) SamTemplate.properties(machine).get("StateMachineName")).get("Fn::Sub");
    }

    private static List<Map<String, Object>> statementsOf(String logicalId) {
        Map<String, Object> resource = template.resources().get(logicalId);
        List<Map<String, Object>> statements = new ArrayList<>();
        if (resource != null) {
            collectStatements(SamTemplate.properties(resource).get("Policies"), statements);
        }
        return statements;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> keyStatement(String sid) {
        Map<String, Object> policy = (Map<String, Object>)
                SamTemplate.properties(template.resources().get("WorkflowsKey")).get("KeyPolicy");
        return ((List<Map<String, Object>>) policy.get("Statement"))
                .stream().filter(s -> sid.equals(s.get("Sid"))).findFirst().orElseThrow();
    }

    /** An IAM ArnLike pattern (the {@code ${...}} variables kept literally) as a regular expression. */
    private static String glob(String pattern) {
        return Pattern.quote(pattern).replace("*", "\\E.*\\Q");
    }
}
