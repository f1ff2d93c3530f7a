package com.ccs.workflows.shared.aws;

import com.ccs.workflows.errors.DependencyUnavailableException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Sorts AWS SDK failures (after the SDK's own retries) into the two kinds the state machines treat differently.
 * Transient ones (throttling, 5xx, a transaction conflict, and every client-side failure to get an answer:
 * connect/read/call timeouts, I/O errors) become {@link DependencyUnavailableException}, which the definitions
 * retry with backoff. The rest (access denied, a missing table, a malformed request) are configuration faults a
 * retry cannot fix: they propagate unchanged, so Step Functions reports the SDK exception's own name.
 */
public final class SdkFaults {
    // Error codes the SDK's isThrottlingException() does not cover, or that arrive without a 429.
    private static final Set<String> TRANSIENT_CODES = Set.of(
            "ProvisionedThroughputExceededException",
            "RequestLimitExceeded",
            "RequestLimitExceededException",
            "TransactionConflictException",
            "ThrottlingException",
            "ThrottledException",
            "KMSThrottlingException");

    private SdkFaults() {}

    public static RuntimeException translate(String dependency, SdkException failure) {
        if (isTransient(failure)) {
            return new DependencyUnavailableException(dependency, describe(failure), failure);
        }
        return failure;
    }

    public static boolean isTransient(SdkException failure) {
        if (failure instanceof AwsServiceException service) {
            // isThrottlingException() reads the error details, which an exception built without a response lacks.
            return (service.awsErrorDetails() != null && service.isThrottlingException())
                    || service.statusCode() == 429
                    || service.statusCode() >= 500
                    || service.retryable()
                    || TRANSIENT_CODES.contains(String.valueOf(errorCode(service)))
                    || TRANSIENT_CODES.contains(service.getClass().getSimpleName());
        }
        return failure instanceof SdkClientException;
    }

    /** The service's error code and status, or the client-side failure: never the request's values. */
    public static String describe(SdkException failure) {
        if (failure instanceof AwsServiceException service) {
            String code = errorCode(service);
            return (code == null ? service.getClass().getSimpleName() : code) + " (HTTP " + service.statusCode() + ")";
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    private static String errorCode(AwsServiceException service) {
        return service.awsErrorDetails() == null
                ? null
                : service.awsErrorDetails().errorCode();
    }
}
