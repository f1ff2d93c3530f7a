package com.ccs.workflows.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.errors.DependencyUnavailableException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

class SdkFaultsTest {

    @Test
    void throttlingServerErrorsConflictsAndMissingAnswersBecomeDependencyUnavailable() {
        assertTransient(service("ThrottlingException", 400));
        assertTransient(service("ServiceUnavailableException", 503));
        assertTransient(service("InternalFailureException", 500));
        assertTransient(service("TooManyRequests", 429));
        assertTransient(ProvisionedThroughputExceededException.builder()
                .message("slow down")
                .statusCode(400)
                .build());
        assertTransient(TransactionConflictException.builder()
                .message("conflict")
                .statusCode(400)
                .build());
        assertTransient(ApiCallTimeoutException.create(2_500));
        assertTransient(SdkClientException.create("Unable to execute HTTP request: Connection refused"));
    }

    @Test
    void configurationFaultsPropagateUnchanged() {
        SdkException missingTable = ResourceNotFoundException.builder()
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("ResourceNotFoundException")
                        .build())
                .build();
        SdkException denied = service("AccessDeniedException", 400);

        assertThat(SdkFaults.translate("DynamoDB", missingTable)).isSameAs(missingTable);
        assertThat(SdkFaults.translate("SNS", denied)).isSameAs(denied);
    }

    @Test
    void theMessageNamesTheErrorCodeAndStatusOnly() {
        assertThat(SdkFaults.translate("DynamoDB GetItem", service("ThrottlingException", 400)))
                .hasMessage("DynamoDB GetItem unavailable: ThrottlingException (HTTP 400)");
    }

    private static AwsServiceException service(String code, int status) {
        return AwsServiceException.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage("value-that-must-not-leak")
                        .build())
                .build();
    }

    private static void assertTransient(SdkException failure) {
        assertThat(SdkFaults.translate("dependency", failure))
                .isInstanceOfSatisfying(DependencyUnavailableException.class, e -> {
                    assertThat(e.dependency()).isEqualTo("dependency");
                    assertThat(e.getCause()).isSameAs(failure);
                    assertThat(e.getMessage()).doesNotContain("value-that-must-not-leak");
                });
    }
}
