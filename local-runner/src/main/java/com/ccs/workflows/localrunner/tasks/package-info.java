/**
 * Task resources: the {@link com.ccs.workflows.localrunner.tasks.TaskInvoker} extension point (route integrations
 * by ARN pattern with {@link com.ccs.workflows.localrunner.tasks.RoutingTaskInvoker}), Step Functions Local mock
 * configuration files, and the task-token callback registry.
 */
package com.ccs.workflows.localrunner.tasks;
