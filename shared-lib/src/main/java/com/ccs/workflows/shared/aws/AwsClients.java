package com.ccs.workflows.shared.aws;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Builds AWS SDK clients the same way in every function: the URLConnection HTTP client (no Apache or Netty on
 * the classpath, the fastest to initialise), the region from {@code AWS_REGION}, explicit connect/read and
 * per-call timeouts sized for a synchronous Express workflow, and {@code AWS_ENDPOINT_URL} honoured so the
 * same artifact talks to an emulator (MiniStack, moto, LocalStack) or to AWS. Call once per container, from a
 * handler's no-argument constructor or a static field, never per invocation.
 */
public final class AwsClients {
    static final Duration CONNECT_TIMEOUT = Duration.ofMillis(1_000);
    static final Duration SOCKET_TIMEOUT = Duration.ofMillis(2_000);
    static final Duration CALL_ATTEMPT_TIMEOUT = Duration.ofMillis(2_500);
    static final Duration CALL_TIMEOUT = Duration.ofMillis(6_000);

    private static final SdkHttpClient HTTP = UrlConnectionHttpClient.builder()
            .connectionTimeout(CONNECT_TIMEOUT)
            .socketTimeout(SOCKET_TIMEOUT)
            .build();

    private AwsClients() {
    }

    /** Configures {@code builder} from the process environment and builds the client. */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder) {
        return build(builder, System.getenv());
    }

    /** Same, from an explicit environment (tests, the local runner). */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, Map<String, String> env) {
        builder.httpClient(HTTP)
                .region(region(env))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallAttemptTimeout(CALL_ATTEMPT_TIMEOUT)
                        .apiCallTimeout(CALL_TIMEOUT)
                        .build());
        endpoint(env).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    static Region region(Map<String, String> env) {
        String region = env.getOrDefault("AWS_REGION", env.get("AWS_DEFAULT_REGION"));
        return Region.of(region == null || region.isBlank() ? "us-east-1" : region);
    }

    static java.util.Optional<URI> endpoint(Map<String, String> env) {
        String url = env.get("AWS_ENDPOINT_URL");
        if (url == null || url.isBlank()) {
            return java.util.Optional.empty();
        }
        URI uri = URI.create(url.strip());
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("AWS_ENDPOINT_URL must be an absolute URL such as http://localhost:4566, got " + url);
        }
        return java.util.Optional.of(uri);
    }
}
