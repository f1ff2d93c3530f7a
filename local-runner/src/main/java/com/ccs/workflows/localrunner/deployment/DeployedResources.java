package com.ccs.workflows.localrunner.deployment;

import com.ccs.workflows.localrunner.standins.StandInWiring;
import com.ccs.workflows.localrunner.template.ProjectResources;
import com.ccs.workflows.localrunner.template.TemplateResolver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The template's tables, topics, queues, secrets and schedule groups, created on a {@link ResourceTarget} in one
 * pass whatever the target is, each bound in the resolver to the ARN or URL the target gave it (so that the
 * functions' environment and the state machines' substitutions name what exists here).
 */
final class DeployedResources {
    private final List<ProjectResources.TableSpec> tables;
    private final Map<String, String> topicArns = new LinkedHashMap<>();

    private DeployedResources(List<ProjectResources.TableSpec> tables) {
        this.tables = tables;
    }

    static DeployedResources create(TemplateResolver resolver, ResourceTarget target) {
        DeployedResources created = new DeployedResources(ProjectResources.tables(resolver));
        created.tables.forEach(target::createTable);
        for (ProjectResources.TopicSpec topic : ProjectResources.topics(resolver)) {
            String arn = target.createTopic(topic);
            resolver.bind(topic.logicalId(), arn);
            created.topicArns.put(topic.logicalId(), arn);
        }
        for (ProjectResources.QueueSpec queue : ProjectResources.queues(resolver)) {
            resolver.bind(queue.logicalId(), target.createQueue(queue));
        }
        for (ProjectResources.SecretSpec secret : ProjectResources.secrets(resolver)) {
            resolver.bind(secret.logicalId(), target.putSecret(secret, StandInWiring.secretValue(secret.name())));
        }
        ProjectResources.scheduleGroups(resolver).forEach(target::createScheduleGroup);
        return created;
    }

    List<ProjectResources.TableSpec> tables() {
        return tables;
    }

    String tableName(String logicalId) {
        return tables.stream()
                .filter(t -> t.logicalId().equals(logicalId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no table " + logicalId))
                .name();
    }

    String topicArn(String logicalId) {
        return Objects.requireNonNull(topicArns.get(logicalId), () -> "no topic " + logicalId);
    }

    /** Topic logical id to ARN, in template order. */
    Map<String, String> topicArns() {
        return Map.copyOf(topicArns);
    }
}
