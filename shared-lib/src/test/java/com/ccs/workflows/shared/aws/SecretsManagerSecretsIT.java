package com.ccs.workflows.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.testing.Emulators;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The signed GetSecretValue against a real Secrets Manager API (the emulator), beside the SDK's own client. */
class SecretsManagerSecretsIT {
    private SecretsManagerClient admin;
    private final List<String> created = new ArrayList<>();

    @BeforeEach
    void connect() {
        admin = AwsClients.build(SecretsManagerClient.builder(), Emulators.awsEnvironment());
    }

    @AfterEach
    void deleteSecrets() {
        if (admin == null) {
            return; // skipped: no emulator
        }
        created.forEach(arn -> admin.deleteSecret(b -> b.secretId(arn).forceDeleteWithoutRecovery(true)));
        admin.close();
    }

    @Test
    void readsWhatTheServiceClientStoredByNameAndByArnAndSeesANewVersion() {
        String name = "ccs-it-secret-" + UUID.randomUUID();
        String arn = create(name, "first value with \"quotes\" and ünïcödé");
        SecretsManagerSecrets secrets = SecretsManagerSecrets.fromEnvironment(Emulators.awsEnvironment());

        assertThat(secrets.secretString(arn)).isEqualTo("first value with \"quotes\" and ünïcödé");
        assertThat(secrets.secretString(name)).isEqualTo("first value with \"quotes\" and ünïcödé");

        admin.putSecretValue(b -> b.secretId(arn).secretString("second value"));
        assertThat(secrets.secretString(arn)).isEqualTo("second value");
    }

    @Test
    void aBinarySecretHasNoString() {
        String arn = admin.createSecret(b -> b.name("ccs-it-binary-" + UUID.randomUUID())
                        .secretBinary(SdkBytes.fromByteArray(new byte[] {0, 1, 2})))
                .arn();
        created.add(arn);

        assertThat(SecretsManagerSecrets.fromEnvironment(Emulators.awsEnvironment())
                        .secretString(arn))
                .isNull();
    }

    @Test
    void aMissingSecretIsTheServicesResourceNotFound() {
        SecretsManagerSecrets secrets = SecretsManagerSecrets.fromEnvironment(Emulators.awsEnvironment());

        assertThatThrownBy(() -> secrets.secretString("ccs-it-missing-" + UUID.randomUUID()))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(SdkFaults.isTransient(e)).isFalse();
                });
    }

    private String create(String name, String value) {
        String arn = admin.createSecret(b -> b.name(name).secretString(value)).arn();
        created.add(arn);
        return arn;
    }
}
