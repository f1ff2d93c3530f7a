package com.ccs.workflows.approval;

import com.ccs.workflows.errors.DependencyUnavailableException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * Resumes the execution with SendTaskSuccess. Service error messages can quote the token, so no SDK exception
 * is chained or quoted: only the error code leaves this class.
 */
public final class SfnTaskCallback implements TaskCallback {
    private final SfnClient sfn;

    public SfnTaskCallback(SfnClient sfn) {
        this.sfn = sfn;
    }

    @Override
    public void succeed(String taskToken, String outputJson) {
        try {
            sfn.sendTaskSuccess(r -> r.taskToken(taskToken).output(outputJson));
        } catch (TaskTimedOutException | TaskDoesNotExistException | InvalidTokenException e) {
            throw new TaskClosedException(code(e));
        } catch (AwsServiceException e) {
            if (e.isThrottlingException() || e.statusCode() >= 500 || e.retryable()) {
                throw new DependencyUnavailableException(
                        "Step Functions", code(e) + " (HTTP " + e.statusCode() + ")", null);
            }
            throw new IllegalStateException("Step Functions rejected SendTaskSuccess: " + code(e));
        } catch (SdkException e) {
            throw new DependencyUnavailableException(
                    "Step Functions", e.getClass().getSimpleName(), null);
        }
    }

    private static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null
                ? e.getClass().getSimpleName()
                : e.awsErrorDetails().errorCode();
    }
}
