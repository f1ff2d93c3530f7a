package com.ccs.workflows.shared.aws;

import com.ccs.workflows.shared.config.FunctionEnvironment;
import com.ccs.workflows.shared.observability.tracing.AwsCallTracing;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Builds AWS SDK clients the same way in every function: the URLConnection HTTP client (no Apache or Netty on
 * the classpath, the fastest to initialise), the region from {@code AWS_REGION}, explicit connect/read and
 * per-call timeouts sized for a synchronous Express workflow, and {@code AWS_ENDPOINT_URL} honoured so the
 * same artifact talks to an emulator (MiniStack, moto, LocalStack) or to AWS; each call is an X-Ray subsegment
 * when the invocation is traced. Call once per container, from a
 * handler's no-argument constructor or a static field, never per invocation.
 */
public final class AwsClients {
    // One HTTP client per timeout profile, shared by every client of the container.
    private static final Map<ClientTimeouts, SdkHttpClient> HTTP = new ConcurrentHashMap<>();

    private AwsClients() {}

    /** Configures {@code builder} from the function's environment with the standard timeouts and builds the client. */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder) {
        return build(builder, FunctionEnvironment.variables());
    }

    /** Same, from an explicit environment (tests, the local runner). */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
            B builder, Map<String, String> env) {
        return build(builder, env, ClientTimeouts.STANDARD);
    }

    /** Same, with the given timeouts (e.g. {@link ClientTimeouts#EMERGENCY} on the emergency workflow's path). */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
            B builder, Map<String, String> env, ClientTimeouts timeouts) {
        builder.httpClient(httpClient(timeouts))
                .region(region(env))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallAttemptTimeout(timeouts.attempt())
                        .apiCallTimeout(timeouts.call())
                        .addExecutionInterceptor(AwsCallTracing.INSTANCE)
                        .build());
        endpoint(env).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** The container's URLConnection client for {@code timeouts}, shared by every client built with them. */
    static SdkHttpClient httpClient(ClientTimeouts timeouts) {
        return HTTP.computeIfAbsent(
                timeouts,
                t -> UrlConnectionHttpClient.builder()
                        .connectionTimeout(t.connect())
                        .socketTimeout(t.socket())
                        .build());
    }

    static Region region(Map<String, String> env) {
        String region = env.getOrDefault("AWS_REGION", env.get("AWS_DEFAULT_REGION"));
        return Region.of(region == null || region.isBlank() ? "us-east-1" : region);
    }

    static java.util.Optional<URI> endpoint(Map<String, String> env) {
        return endpoint(env, "AWS_ENDPOINT_URL");
    }

    /** The endpoint URL in {@code variable}, if set. */
    static java.util.Optional<URI> endpoint(Map<String, String> env, String variable) {
        String url = env.get(variable);
        if (url == null || url.isBlank()) {
            return java.util.Optional.empty();
        }
        URI uri = URI.create(url.strip());
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    variable + " must be an absolute URL such as http://localhost:4566, got " + url);
        }
        return java.util.Optional.of(uri);
    }
}
