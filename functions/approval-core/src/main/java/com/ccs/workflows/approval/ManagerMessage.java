package com.ccs.workflows.approval;

/** A notification to the manager: an SNS subject (ASCII, under 100 characters) and a plain-text body. */
public record ManagerMessage(String subject, String body) {}
