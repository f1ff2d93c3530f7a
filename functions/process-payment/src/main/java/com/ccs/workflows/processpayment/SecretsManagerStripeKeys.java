package com.ccs.workflows.processpayment;

import com.ccs.workflows.errors.DependencyUnavailableException;
import com.ccs.workflows.shared.aws.SdkFaults;
import com.ccs.workflows.shared.aws.SecretsManagerSecrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The Stripe key from Secrets Manager, read on first use and kept for the life of the container (one
 * GetSecretValue per cold start, not per payment), read again on demand when Stripe rejects it, which is what
 * a rotation looks like from here. Nothing here logs or puts the key in an exception.
 */
public final class SecretsManagerStripeKeys implements StripeApiKeySource {
    private static final Logger LOG = LoggerFactory.getLogger(SecretsManagerStripeKeys.class);

    private final SecretsManagerSecrets secrets;
    private final String secretId;
    private volatile String cached;

    public SecretsManagerStripeKeys(SecretsManagerSecrets secrets, String secretId) {
        if (secretId == null || secretId.isBlank()) {
            throw new IllegalArgumentException(
                    "STRIPE_SECRET_ARN must name the Secrets Manager secret holding the Stripe key");
        }
        this.secrets = secrets;
        this.secretId = secretId.strip();
    }

    @Override
    public String current() {
        String key = cached;
        if (key == null) {
            synchronized (this) {
                key = cached;
                if (key == null) {
                    key = read();
                }
            }
        }
        return key;
    }

    @Override
    public synchronized String refresh() {
        return read();
    }

    private String read() {
        String secretString;
        try {
            secretString = secrets.secretString(secretId);
        } catch (AwsServiceException e) {
            int status = e.statusCode();
            if (SdkFaults.isTransient(e)) {
                throw new DependencyUnavailableException("secretsmanager", "GetSecretValue answered " + status, e);
            }
            // Not found, access denied, KMS decryption refused: configuration, retrying will not fix it.
            throw new PaymentProviderCredentialsException(
                    "cannot read the Stripe secret " + secretId + ": "
                            + (e.awsErrorDetails() == null
                                    ? "error"
                                    : e.awsErrorDetails().errorCode()) + " (HTTP " + status + ")",
                    e);
        } catch (SdkClientException e) {
            throw new DependencyUnavailableException("secretsmanager", "GetSecretValue failed: " + e.getMessage(), e);
        }
        String key = StripeSecret.apiKey(secretString);
        cached = key;
        LOG.info("Stripe key loaded from Secrets Manager ({} mode)", key.contains("_live_") ? "live" : "test");
        return key;
    }
}
