package com.ccs.workflows.localrunner.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.localrunner.template.ProjectResources;
import com.ccs.workflows.localrunner.template.SamTemplate;
import com.ccs.workflows.localrunner.template.TemplateResolver;
import com.ccs.workflows.localrunner.testing.TestProject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeployedResourcesTest {

    /** A target that records what it is asked to create and answers made-up ARNs and URLs. */
    private static final class RecordingTarget implements ResourceTarget {
        final List<String> calls = new ArrayList<>();
        final Map<String, String> secrets = new LinkedHashMap<>();

        @Override
        public void createTable(ProjectResources.TableSpec table) {
            calls.add("table " + table.name());
        }

        @Override
        public String createTopic(ProjectResources.TopicSpec topic) {
            calls.add("topic " + topic.name());
            return "arn:test:sns:" + topic.name();
        }

        @Override
        public String createQueue(ProjectResources.QueueSpec queue) {
            calls.add("queue " + queue.name());
            return "https://queues.test/" + queue.name();
        }

        @Override
        public String putSecret(ProjectResources.SecretSpec secret, String value) {
            calls.add("secret " + secret.name());
            secrets.put(secret.name(), value);
            return "arn:test:secret:" + secret.name();
        }

        @Override
        public void createScheduleGroup(String name) {
            calls.add("schedule group " + name);
        }

        @Override
        public void close() {}
    }

    @Test
    void everyResourceOfTheTemplateIsCreatedOnceAndBoundToWhatTheTargetAnswered() throws IOException {
        TemplateResolver resolver = new TemplateResolver(
                SamTemplate.load(TestProject.dir().resolve("template.yaml")), Map.of(), "us-east-1", "000000000000");
        RecordingTarget target = new RecordingTarget();

        DeployedResources resources = DeployedResources.create(resolver, target);

        int expected = ProjectResources.tables(resolver).size()
                + ProjectResources.topics(resolver).size()
                + ProjectResources.queues(resolver).size()
                + ProjectResources.secrets(resolver).size()
                + ProjectResources.scheduleGroups(resolver).size();
        assertThat(target.calls).hasSize(expected).doesNotHaveDuplicates();
        assertThat(target.calls)
                .contains(
                        "table ccs-dev-incidents",
                        "topic ccs-dev-owner-alerts",
                        "queue ccs-dev-emergency-events.fifo",
                        "secret ccs-dev/stripe-api-key");
        // Tables first: a queue's or a function's settings may name them; secrets get their local shapes.
        assertThat(target.calls.getFirst()).startsWith("table ");
        assertThat(target.secrets.get("ccs-dev/stripe-api-key")).startsWith("sk_test_local");
        assertThat(resources.topicArn("OwnerTopic")).isEqualTo("arn:test:sns:ccs-dev-owner-alerts");
        assertThat(resources.tableName("IncidentsTable")).isEqualTo("ccs-dev-incidents");
        // What the functions and state machines read from the template now names the created resources.
        assertThat(resolver.resolve(Map.of("Ref", "EmergencyEventsQueue")))
                .isEqualTo("https://queues.test/ccs-dev-emergency-events.fifo");
        assertThat(ProjectResources.functions(resolver))
                .flatExtracting(f -> f.environment().values())
                .contains("arn:test:secret:ccs-dev/stripe-api-key");
    }
}
