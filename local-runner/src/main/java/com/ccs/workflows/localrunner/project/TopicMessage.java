package com.ccs.workflows.localrunner.project;

/** A message published to one of the deployment's SNS topics. */
public record TopicMessage(String messageId, String topicArn, String subject, String body) {}
