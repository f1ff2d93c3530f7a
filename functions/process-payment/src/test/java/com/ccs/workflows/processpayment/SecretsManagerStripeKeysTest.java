package com.ccs.workflows.processpayment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.errors.DependencyUnavailableException;
import com.ccs.workflows.shared.aws.ClientTimeouts;
import com.ccs.workflows.shared.aws.SecretsManagerSecrets;
import com.ccs.workflows.shared.priming.InMemorySdkHttpClient;
import com.ccs.workflows.shared.priming.InMemorySdkHttpClient.Answer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

class SecretsManagerStripeKeysTest {
    private static final String ARN = "arn:aws:secretsmanager:us-east-1:000000000000:secret:ccs-dev-stripe-AbCdEf";

    /** Secrets Manager in memory: each GetSecretValue gets the next scripted answer, the last one again and again. */
    private static final class ScriptedSecrets {
        final List<String> requests = new ArrayList<>();
        private final Deque<Answer> answers = new ArrayDeque<>();
        final SecretsManagerSecrets reader = new InMemorySdkHttpClient(call -> {
                    requests.add(call.body());
                    return answers.size() > 1 ? answers.poll() : answers.peek();
                })
                .secrets();

        ScriptedSecrets then(Answer answer, int times) {
            for (int i = 0; i < times; i++) {
                answers.add(answer);
            }
            return this;
        }

        ScriptedSecrets then(String secretString) {
            return then(Answer.secretValue(secretString), 1);
        }
    }

    @Test
    void readsTheSecretOnceAndServesTheCacheAfterwards() {
        ScriptedSecrets secrets = new ScriptedSecrets().then("{\"api_key\":\"sk_test_cached\"}");
        SecretsManagerStripeKeys keys = new SecretsManagerStripeKeys(secrets.reader, ARN);

        assertThat(keys.current()).isEqualTo("sk_test_cached");
        assertThat(keys.current()).isEqualTo("sk_test_cached");
        assertThat(secrets.requests).containsExactly("{\"SecretId\":\"" + ARN + "\"}");
    }

    @Test
    void refreshReadsAgainAndReplacesTheCache() {
        ScriptedSecrets secrets = new ScriptedSecrets().then("sk_test_before").then("sk_test_after");
        SecretsManagerStripeKeys keys = new SecretsManagerStripeKeys(secrets.reader, ARN);

        assertThat(keys.current()).isEqualTo("sk_test_before");
        assertThat(keys.refresh()).isEqualTo("sk_test_after");
        assertThat(keys.current()).isEqualTo("sk_test_after");
        assertThat(secrets.requests).hasSize(2);
    }

    @Test
    void throttlingAndServerErrorsThatOutlastTheRetriesAreTransientAndNotCached() {
        ScriptedSecrets secrets = new ScriptedSecrets()
                .then(Answer.error(400, "ThrottlingException", "Rate exceeded"), SecretsManagerSecrets.ATTEMPTS)
                .then(Answer.error(503, "ServiceUnavailable", "try later"), SecretsManagerSecrets.ATTEMPTS)
                .then("sk_test_eventually");
        SecretsManagerStripeKeys keys = new SecretsManagerStripeKeys(secrets.reader, ARN);

        for (int call = 0; call < 2; call++) {
            assertThatThrownBy(keys::current)
                    .isInstanceOf(DependencyUnavailableException.class)
                    .hasMessageStartingWith("secretsmanager unavailable");
        }
        assertThat(keys.current()).isEqualTo("sk_test_eventually");
        assertThat(secrets.requests).hasSize(2 * SecretsManagerSecrets.ATTEMPTS + 1);
    }

    @Test
    void noAnswerAtAllIsTransient() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        SecretsManagerSecrets unreachable = new SecretsManagerSecrets(
                UrlConnectionHttpClient.create(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret-key")),
                Region.US_EAST_1,
                URI.create("http://127.0.0.1:" + closed),
                ClientTimeouts.STANDARD);

        assertThatThrownBy(() -> new SecretsManagerStripeKeys(unreachable, ARN).current())
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessageContaining("GetSecretValue failed")
                .hasMessageContaining("no answer from 127.0.0.1");
    }

    @Test
    void aMissingSecretIsAConfigurationErrorNotRetried() {
        ScriptedSecrets secrets = new ScriptedSecrets()
                .then(
                        Answer.error(
                                400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret."),
                        1);

        assertThatThrownBy(() -> new SecretsManagerStripeKeys(secrets.reader, ARN).current())
                .isInstanceOf(PaymentProviderCredentialsException.class)
                .hasMessageContaining("ResourceNotFoundException (HTTP 400)");
        assertThat(secrets.requests).hasSize(1);
    }

    @Test
    void aSecretWithoutAKeyIsACredentialsErrorThatDoesNotQuoteIt() {
        ScriptedSecrets secrets = new ScriptedSecrets().then("pk_live_notASecretKey");

        assertThatThrownBy(() -> new SecretsManagerStripeKeys(secrets.reader, ARN).current())
                .isInstanceOf(PaymentProviderCredentialsException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("notASecretKey"));
    }
}
