package com.ccs.workflows.processpayment;

import com.ccs.workflows.errors.DependencyUnavailableException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretsManagerStripeKeysTest {
    private static final String ARN = "arn:aws:secretsmanager:us-east-1:000000000000:secret:ccs-dev-stripe-AbCdEf";

    /** Answers GetSecretValue from a script and records the requests. */
    private static final class ScriptedSecrets implements SecretsManagerClient {
        final List<GetSecretValueRequest> requests = new ArrayList<>();
        final Deque<Supplier<GetSecretValueResponse>> answers = new ArrayDeque<>();

        ScriptedSecrets then(String secretString) {
            answers.add(() -> GetSecretValueResponse.builder().arn(ARN).secretString(secretString).build());
            return this;
        }

        ScriptedSecrets thenFail(RuntimeException failure) {
            answers.add(() -> {
                throw failure;
            });
            return this;
        }

        @Override
        public GetSecretValueResponse getSecretValue(GetSecretValueRequest request) {
            requests.add(request);
            return answers.size() > 1 ? answers.poll().get() : answers.peek().get();
        }

        @Override
        public String serviceName() {
            return "secretsmanager";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void readsTheSecretOnceAndServesTheCacheAfterwards() {
        ScriptedSecrets secrets = new ScriptedSecrets().then("{\"api_key\":\"sk_test_cached\"}");
        SecretsManagerStripeKeys keys = new SecretsManagerStripeKeys(secrets, ARN);

        assertThat(keys.current()).isEqualTo("sk_test_cached");
        assertThat(keys.current()).isEqualTo("sk_test_cached");
        assertThat(secrets.requests).hasSize(1).first().extracting(GetSecretValueRequest::secretId).isEqualTo(ARN);
    }

    @Test
    void refreshReadsAgainAndReplacesTheCache() {
        ScriptedSecrets secrets = new ScriptedSecrets().then("sk_test_before").then("sk_test_after");
        SecretsManagerStripeKeys keys = new SecretsManagerStripeKeys(secrets, ARN);

        assertThat(keys.current()).isEqualTo("sk_test_before");
        assertThat(keys.refresh()).isEqualTo("sk_test_after");
        assertThat(keys.current()).isEqualTo("sk_test_after");
        assertThat(secrets.requests).hasSize(2);
    }

    @Test
    void throttlingServerErrorsAndNetworkFaultsAreTransientAndNotCached() {
        SecretsManagerException throttled = (SecretsManagerException) SecretsManagerException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").build()).build();
        SecretsManagerException unavailable = (SecretsManagerException) SecretsManagerException.builder().statusCode(503)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ServiceUnavailable").build()).build();
        ScriptedSecrets secrets = new ScriptedSecrets().thenFail(throttled).thenFail(unavailable)
                .thenFail(SdkClientException.create("connect timed out")).then("sk_test_eventually");
        SecretsManagerStripeKeys keys = new SecretsManagerStripeKeys(secrets, ARN);

        for (int attempt = 0; attempt < 3; attempt++) {
            assertThatThrownBy(keys::current).isInstanceOf(DependencyUnavailableException.class)
                    .hasMessageStartingWith("secretsmanager unavailable");
        }
        assertThat(keys.current()).isEqualTo("sk_test_eventually");
    }

    @Test
    void aMissingSecretIsAConfigurationErrorNotRetried() {
        ScriptedSecrets secrets = new ScriptedSecrets().thenFail((RuntimeException) ResourceNotFoundException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceNotFoundException").build()).build());

        assertThatThrownBy(() -> new SecretsManagerStripeKeys(secrets, ARN).current())
                .isInstanceOf(PaymentProviderCredentialsException.class)
                .hasMessageContaining("ResourceNotFoundException");
    }

    @Test
    void aSecretWithoutAKeyIsACredentialsErrorThatDoesNotQuoteIt() {
        ScriptedSecrets secrets = new ScriptedSecrets().then("pk_live_notASecretKey");

        assertThatThrownBy(() -> new SecretsManagerStripeKeys(secrets, ARN).current())
                .isInstanceOf(PaymentProviderCredentialsException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("notASecretKey"));
    }
}
