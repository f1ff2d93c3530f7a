package com.ccs.workflows.localrunner.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.localrunner.testing.TestProject;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateResolverTest {

    private static TemplateResolver resolver(Map<String, String> overrides) throws IOException {
        SamTemplate template = SamTemplate.load(TestProject.dir().resolve("template.yaml"));
        return new TemplateResolver(template, overrides, "us-east-1", "000000000000");
    }

    private static FunctionSpec function(TemplateResolver resolver, String logicalId) {
        return ProjectResources.functions(resolver).stream()
                .filter(f -> f.logicalId().equals(logicalId))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void resolvesTablesTopicsAndQueuesWithTheDefaultParameters() throws IOException {
        TemplateResolver resolver = resolver(Map.of());

        var tables = ProjectResources.tables(resolver);
        assertThat(tables)
                .extracting(ProjectResources.TableSpec::name)
                .containsExactlyInAnyOrder(
                        "ccs-dev-incidents",
                        "ccs-dev-recordings",
                        "ccs-dev-contracts",
                        "ccs-dev-vehicles",
                        "ccs-dev-approvals");
        var vehicles = tables.stream()
                .filter(t -> t.name().equals("ccs-dev-vehicles"))
                .findFirst()
                .orElseThrow();
        assertThat(vehicles.keySchema()).containsExactly(Map.of("AttributeName", "plate", "KeyType", "HASH"));
        assertThat(vehicles.globalSecondaryIndexes())
                .singleElement()
                .satisfies(gsi -> assertThat(gsi.get("IndexName")).isEqualTo("by-contract"));
        assertThat(ProjectResources.topics(resolver))
                .extracting(ProjectResources.TopicSpec::name)
                .contains(
                        "ccs-dev-authorities-alerts",
                        "ccs-dev-owner-alerts",
                        "ccs-dev-manager-notifications",
                        "ccs-dev-customer-notifications");
        assertThat(ProjectResources.queues(resolver))
                .filteredOn(q -> q.name().equals("ccs-dev-emergency-events.fifo"))
                .singleElement()
                .satisfies(q -> assertThat(q.attributes())
                        .containsEntry("FifoQueue", "true")
                        .containsEntry("ContentBasedDeduplication", "true"));
    }

    @Test
    void functionsGetTheirEnvironmentWithGlobalsAndAliasArns() throws IOException {
        TemplateResolver resolver = resolver(Map.of());

        FunctionSpec request = function(resolver, "ApprovalRequestFunction");
        assertThat(request.name()).isEqualTo("ccs-dev-approval-request");
        assertThat(request.module()).isEqualTo("approval-request");
        assertThat(request.handlerClass()).isEqualTo("com.ccs.workflows.approval.ApprovalRequestHandler");
        assertThat(request.timeoutSeconds()).isEqualTo(15); // Globals
        assertThat(request.memoryMb()).isEqualTo(1024);
        assertThat(request.environment())
                .containsEntry("APPROVALS_TABLE", "ccs-dev-approvals")
                .containsEntry("MANAGER_ID", "fleet-manager")
                .containsEntry("APPROVAL_BASE_URL", "https://local.execute-api.us-east-1.amazonaws.com")
                .containsEntry(
                        "REMINDER_TARGET_ARN",
                        "arn:aws:lambda:us-east-1:000000000000:function:ccs-dev-approval-reminder:live")
                .containsEntry(
                        "REMINDER_DEAD_LETTER_QUEUE_ARN",
                        "arn:aws:sqs:us-east-1:000000000000:ccs-dev-approval-reminders-dlq")
                .containsEntry("REMINDER_LEAD_SECONDS", "7200")
                .containsEntry("POWERTOOLS_METRICS_NAMESPACE", "ccs/Workflows") // Globals, !Sub
                .containsEntry("MANAGER_TOPIC_ARN", "arn:aws:sns:us-east-1:000000000000:ccs-dev-manager-notifications");
        assertThat(function(resolver, "VideoRecordingFunction").timeoutSeconds())
                .isEqualTo(2);
        assertThat(function(resolver, "VideoRecordingFunction").environment())
                .containsEntry("VEHICLE_COMMAND_TOPIC_PREFIX", "ccs/dev/vehicles")
                .containsEntry("IOT_DATA_ENDPOINT", "");
    }

    @Test
    void conditionsDecideTheStripeSecret() throws IOException {
        TemplateResolver created = resolver(Map.of());
        assertThat(ProjectResources.secrets(created))
                .extracting(ProjectResources.SecretSpec::name)
                .containsExactlyInAnyOrder("ccs-dev/stripe-api-key", "ccs-dev/approval-link-signing-key");
        created.bind(
                "StripeSecret", "arn:aws:secretsmanager:us-east-1:000000000000:secret:ccs-dev/stripe-api-key-Ab12");
        assertThat(function(created, "ProcessPaymentFunction").environment())
                .containsEntry(
                        "STRIPE_SECRET_ARN",
                        "arn:aws:secretsmanager:us-east-1:000000000000:secret:ccs-dev/stripe-api-key-Ab12");

        String existing = "arn:aws:secretsmanager:us-east-1:000000000000:secret:team/stripe-XyZ";
        TemplateResolver given = resolver(Map.of("StripeSecretArn", existing, "Environment", "staging"));
        assertThat(given.condition("CreateStripeSecret")).isFalse();
        assertThat(given.condition("IsProd")).isFalse();
        assertThat(ProjectResources.secrets(given))
                .extracting(ProjectResources.SecretSpec::name)
                .containsExactly("ccs-staging/approval-link-signing-key");
        assertThat(function(given, "ProcessPaymentFunction").environment())
                .containsEntry("STRIPE_SECRET_ARN", existing);
        assertThat(resolver(Map.of("Environment", "prod")).condition("IsProd")).isTrue();
    }

    @Test
    void stateMachinesGetTheirDefinitionSubstitutions() throws IOException {
        TemplateResolver resolver = resolver(Map.of("AutoApproveVehicleLimit", "10"));

        List<ProjectResources.StateMachineSpec> machines = ProjectResources.stateMachines(resolver);
        var emergency = machines.stream()
                .filter(m -> m.logicalId().equals("EmergencyWorkflow"))
                .findFirst()
                .orElseThrow();
        assertThat(emergency.name()).isEqualTo("ccs-dev-emergency-workflow");
        assertThat(emergency.type()).isEqualTo("EXPRESS");
        assertThat(emergency.definition())
                .contains("\"TableName\": \"ccs-dev-incidents\"")
                .contains("arn:aws:sns:us-east-1:000000000000:ccs-dev-authorities-alerts")
                .contains("arn:aws:lambda:us-east-1:000000000000:function:ccs-dev-video-recording:live")
                .doesNotContain("${");
        var business = machines.stream()
                .filter(m -> m.logicalId().equals("BusinessWorkflow"))
                .findFirst()
                .orElseThrow();
        assertThat(business.type()).isEqualTo("STANDARD");
        assertThat(business.definition())
                .contains("States.StringToJson('10')")
                .contains("States.StringToJson('86400')")
                .contains("arn:aws:lambda:us-east-1:000000000000:function:ccs-dev-approval-request:live")
                .doesNotContain("${");
    }

    @Test
    void shortFormTagsAreReadAsTheirLongForm() {
        SamTemplate template = SamTemplate.parse(TestProject.dir().resolve("t.yaml"), """
        Parameters:
          Name: {Type: String, Default: x}
        Conditions:
          Always: !Not [!Equals [!Ref Name, y]]
        Resources:
          Topic:
            Type: AWS::SNS::Topic
            Properties:
              TopicName: !Join ["-", [!Ref Name, !Select [1, !Split [",", "a,b,c"]]]]
              DisplayName: !If [Always, !Sub "${Name}-${AWS::Region}-${!Literal}", other]
              Arn: !GetAtt Topic.TopicName
        """);
        TemplateResolver resolver = new TemplateResolver(template, Map.of(), "eu-west-1", "111122223333");
        var topic = template.resource("Topic");
        assertThat(resolver.stringProperty(topic, "TopicName")).isEqualTo("x-b");
        assertThat(resolver.stringProperty(topic, "DisplayName")).isEqualTo("x-eu-west-1-${Literal}");
        assertThat(resolver.stringProperty(topic, "Arn")).isEqualTo("x-b");
        assertThatThrownBy(() -> new TemplateResolver(template, Map.of("Nope", "1"), "eu-west-1", "1"))
                .hasMessageContaining("no parameter Nope");
    }

    @Test
    void theStackIdIsUniquePerDeploymentAndItsUuidCanBeSelected() throws IOException {
        SamTemplate template = SamTemplate.parse(TestProject.dir().resolve("t.yaml"), """
        Resources:
          Topic:
            Type: AWS::SNS::Topic
            Properties:
              TopicName: !Select [2, !Split ["/", !Ref AWS::StackId]]
              DisplayName: !Sub "${AWS::StackName} ${AWS::StackId}"
        """);
        TemplateResolver one = new TemplateResolver(template, Map.of(), "us-east-1", "000000000000");
        TemplateResolver two = new TemplateResolver(template, Map.of(), "us-east-1", "000000000000");
        var topic = template.resource("Topic");

        String uuid = one.stringProperty(topic, "TopicName");
        assertThat(uuid).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(one.stringProperty(topic, "TopicName"))
                .as("one id per deployment")
                .isEqualTo(uuid);
        assertThat(one.stringProperty(topic, "DisplayName"))
                .isEqualTo("ccs-local arn:aws:cloudformation:us-east-1:000000000000:stack/ccs-local/" + uuid);
        assertThat(two.stringProperty(topic, "TopicName")).isNotEqualTo(uuid);
    }

    @Test
    void theHttpApisFunctionRoutesNameTheFunctionOfTheirIntegrationUri() throws IOException {
        TemplateResolver resolver = resolver(Map.of());

        assertThat(ProjectResources.lambdaRoutes(resolver))
                .containsExactlyInAnyOrder(
                        new ProjectResources.LambdaRoute(
                                "GET", "/approvals/{approval_id}/{decision}", "ApprovalCallbackFunction"),
                        new ProjectResources.LambdaRoute(
                                "POST", "/approvals/{approval_id}/{decision}", "ApprovalCallbackFunction"));
        assertThat(ProjectResources.startRoutes(resolver))
                .extracting(ProjectResources.StartRoute::path)
                .containsExactlyInAnyOrder("/contracts", "/incidents");
    }
}
