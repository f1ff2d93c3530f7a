package com.ccs.workflows.processpayment;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

import java.util.concurrent.atomic.AtomicInteger;

/** A real Secrets Manager client that counts the GetSecretValue calls going through it. */
final class CountingSecretsManager implements SecretsManagerClient {
    private final SecretsManagerClient delegate;
    final AtomicInteger getSecretValueCalls = new AtomicInteger();

    CountingSecretsManager(SecretsManagerClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public GetSecretValueResponse getSecretValue(GetSecretValueRequest request) {
        getSecretValueCalls.incrementAndGet();
        return delegate.getSecretValue(request);
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
