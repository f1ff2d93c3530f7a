package com.ccs.workflows.localrunner.deployment;

/** A message published to one of the deployment's SNS topics. */
public record TopicMessage(String messageId, String topicArn, String subject, String body) {}
