package com.ccs.workflows.videorecording;

import com.ccs.workflows.errors.DependencyUnavailableException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Sorts AWS SDK failures into the two kinds the state machine treats differently. Transient (retried with
 * backoff): throttling, 5xx, and every client-side failure to get an answer (connect/read timeouts, the SDK's
 * call timeouts, I/O errors). Anything else (access denied, missing table, malformed request) is a
 * configuration fault that a retry cannot fix, so it propagates unchanged and the state machine's Catch
 * records it on the incident.
 */
final class SdkFaults {
    private SdkFaults() {
    }

    static RuntimeException translate(String dependency, SdkException failure) {
        if (isTransient(failure)) {
            return new DependencyUnavailableException(dependency, failure.getMessage(), failure);
        }
        return failure;
    }

    static boolean isTransient(SdkException failure) {
        if (failure instanceof AwsServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500;
        }
        return failure instanceof SdkClientException;
    }
}
