package com.ccs.workflows.createcontract;

import com.ccs.workflows.errors.DependencyUnavailableException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * Sorts DynamoDB failures (after the SDK's own retries) into transient ones, which become
 * {@link DependencyUnavailableException} so the state machine retries with backoff, and the rest (a missing
 * table, a malformed request, denied access), which are rethrown as they are: retrying would not help.
 */
final class DynamoDbErrors {
    private DynamoDbErrors() {
    }

    static RuntimeException translate(String operation, SdkException e) {
        if (isTransient(e)) {
            return new DependencyUnavailableException("DynamoDB", operation + " failed: " + e.getMessage(), e);
        }
        return e;
    }

    static boolean isTransient(SdkException e) {
        if (e instanceof AwsServiceException service) {
            return service.isThrottlingException()
                    || service instanceof ProvisionedThroughputExceededException
                    || service instanceof RequestLimitExceededException
                    || service instanceof TransactionConflictException
                    || service.statusCode() >= 500;
        }
        // Client-side: connection refused or reset, call or attempt timeout.
        return e instanceof SdkClientException;
    }
}
