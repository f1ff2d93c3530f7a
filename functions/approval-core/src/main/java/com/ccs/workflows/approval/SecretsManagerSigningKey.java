package com.ccs.workflows.approval;

import com.ccs.workflows.shared.aws.SdkFaults;
import com.ccs.workflows.shared.aws.SecretsManagerSecrets;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The link signing secret from Secrets Manager, read on first use and cached for the container's life (one
 * call per cold start, not per click). A failed read is not cached, so the next invocation tries again.
 * Rotating the secret invalidates the links already sent.
 */
public final class SecretsManagerSigningKey implements Supplier<byte[]> {
    static final int MIN_BYTES = 32;

    private final SecretsManagerSecrets secrets;
    private final String secretArn;
    private volatile byte[] cached;

    public SecretsManagerSigningKey(SecretsManagerSecrets secrets, String secretArn) {
        this.secrets = secrets;
        this.secretArn = secretArn;
    }

    @Override
    public byte[] get() {
        byte[] key = cached;
        if (key == null) {
            synchronized (this) {
                if (cached == null) {
                    cached = read();
                }
                key = cached;
            }
        }
        return key.clone();
    }

    private byte[] read() {
        String secret;
        try {
            secret = secrets.secretString(secretArn);
        } catch (SdkException e) {
            throw SdkFaults.translate("Secrets Manager", e);
        }
        byte[] key = secret == null ? new byte[0] : secret.strip().getBytes(StandardCharsets.UTF_8);
        if (key.length < MIN_BYTES) {
            throw new IllegalStateException(
                    "the approval signing secret must be a SecretString of at least " + MIN_BYTES + " bytes");
        }
        return key;
    }
}
