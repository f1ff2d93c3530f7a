package com.ccs.workflows.processpayment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.shared.aws.AwsClients;
import com.ccs.workflows.shared.aws.SecretsManagerSecrets;
import com.ccs.workflows.testing.Emulators;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The key source against a real Secrets Manager API (MiniStack), with a secret of its own. */
class SecretsManagerStripeKeysIT {
    private SecretsManagerClient secrets;
    private String secretArn;

    @BeforeEach
    void createSecret() {
        secrets = AwsClients.build(SecretsManagerClient.builder(), Emulators.awsEnvironment());
        secretArn = secrets.createSecret(b -> b.name("ccs-it-stripe-" + UUID.randomUUID())
                        .secretString("{\"api_key\": \"sk_test_fromSecretsManager\"}"))
                .arn();
    }

    @AfterEach
    void deleteSecret() {
        if (secrets == null) {
            return; // skipped: no emulator
        }
        if (secretArn != null) {
            secrets.deleteSecret(b -> b.secretId(secretArn).forceDeleteWithoutRecovery(true));
        }
        secrets.close();
    }

    @Test
    void readsTheKeyOnceAndServesLaterReadsFromTheCache() {
        CountingSecretsManager counting = new CountingSecretsManager(Emulators.aws());
        SecretsManagerStripeKeys keys = new SecretsManagerStripeKeys(counting.reader, secretArn);

        assertThat(keys.current()).isEqualTo("sk_test_fromSecretsManager");
        assertThat(keys.current()).isEqualTo("sk_test_fromSecretsManager");
        assertThat(counting.getSecretValueCalls).hasValue(1);
    }

    @Test
    void refreshPicksUpARotatedKey() {
        CountingSecretsManager counting = new CountingSecretsManager(Emulators.aws());
        SecretsManagerStripeKeys keys = new SecretsManagerStripeKeys(counting.reader, secretArn);
        assertThat(keys.current()).isEqualTo("sk_test_fromSecretsManager");

        secrets.putSecretValue(b -> b.secretId(secretArn).secretString("sk_test_rotatedBare"));

        assertThat(keys.current()).as("cached until asked to refresh").isEqualTo("sk_test_fromSecretsManager");
        assertThat(keys.refresh()).isEqualTo("sk_test_rotatedBare");
        assertThat(keys.current()).isEqualTo("sk_test_rotatedBare");
        assertThat(counting.getSecretValueCalls).hasValue(2);
    }

    @Test
    void aSecretThatDoesNotExistIsACredentialsError() {
        SecretsManagerStripeKeys keys = new SecretsManagerStripeKeys(
                SecretsManagerSecrets.fromEnvironment(Emulators.awsEnvironment()),
                "ccs-it-stripe-missing-" + UUID.randomUUID());

        assertThatThrownBy(keys::current)
                .isInstanceOf(PaymentProviderCredentialsException.class)
                .hasMessageContaining("ResourceNotFoundException");
    }
}
