package com.ccs.workflows.videorecording;

import com.ccs.workflows.errors.DependencyUnavailableException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iotdataplane.model.UnauthorizedException;

import static org.assertj.core.api.Assertions.assertThat;

class SdkFaultsTest {

    @Test
    void throttlingServerErrorsAndMissingAnswersBecomeDependencyUnavailable() {
        assertTransient(service("ThrottlingException", 400));
        assertTransient(service("ServiceUnavailableException", 503));
        assertTransient(service("InternalFailureException", 500));
        assertTransient(ProvisionedThroughputExceededException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException").build()).build());
        assertTransient(service("TooManyRequests", 429));
        assertTransient(ApiCallTimeoutException.create(2_500));
        assertTransient(SdkClientException.create("Unable to execute HTTP request: Connection refused"));
    }

    @Test
    void configurationFaultsPropagateUnchanged() {
        SdkException missingTable = ResourceNotFoundException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceNotFoundException").build()).build();
        SdkException unauthorized = UnauthorizedException.builder().statusCode(401)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("UnauthorizedException").build()).build();

        assertThat(SdkFaults.translate("DynamoDB", missingTable)).isSameAs(missingTable);
        assertThat(SdkFaults.translate("IoT", unauthorized)).isSameAs(unauthorized);
    }

    private static AwsServiceException service(String code, int status) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }

    private static void assertTransient(SdkException failure) {
        assertThat(SdkFaults.translate("dependency", failure))
                .isInstanceOfSatisfying(DependencyUnavailableException.class, e -> {
                    assertThat(e.dependency()).isEqualTo("dependency");
                    assertThat(e.getCause()).isSameAs(failure);
                });
    }
}
