package com.ccs.workflows.processpayment;

import com.ccs.workflows.shared.aws.ClientTimeouts;
import com.ccs.workflows.shared.aws.SecretsManagerSecrets;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** A Secrets Manager reader on a real HTTP client that counts the GetSecretValue requests it sends. */
final class CountingSecretsManager {
    final AtomicInteger getSecretValueCalls = new AtomicInteger();
    final SecretsManagerSecrets reader;

    CountingSecretsManager(URI endpoint) {
        SdkHttpClient http = UrlConnectionHttpClient.create();
        SdkHttpClient counting = new SdkHttpClient() {
            @Override
            public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                getSecretValueCalls.incrementAndGet();
                return http.prepareRequest(request);
            }

            @Override
            public String clientName() {
                return "counting";
            }

            @Override
            public void close() {
                http.close();
            }
        };
        reader = new SecretsManagerSecrets(
                counting,
                DefaultCredentialsProvider.builder().build(),
                Region.US_EAST_1,
                endpoint,
                ClientTimeouts.STANDARD);
    }
}
