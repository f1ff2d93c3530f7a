package com.ccs.workflows.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** A real SDK client, over TLS with the bench's trust store, gets the canned reply; an unexpected call gets a 400. */
class AwsStandInTest {

    @Test
    void answersTheSdkOverTlsFromItsCannedReplies(@TempDir Path dir) throws Exception {
        Tls tls = Tls.in(dir);
        try (AwsStandIn standIn = AwsStandIn.start(tls);
                DynamoDbClient dynamo = client(standIn, tls)) {
            standIn.answer(Map.of("DynamoDB.GetItem", AwsStandIn.Reply.json("{\"Item\":{\"id\":{\"S\":\"42\"}}}")));

            var item = dynamo.getItem(b -> b.tableName("t").key(Map.of("id", AttributeValue.fromS("42"))))
                    .item();

            assertThat(item).containsEntry("id", AttributeValue.fromS("42"));
            assertThat(standIn.calls()).containsExactly("DynamoDB.GetItem");
            assertThatThrownBy(() -> dynamo.deleteTable(b -> b.tableName("t")))
                    .isInstanceOf(DynamoDbException.class)
                    .hasMessageContaining("no canned reply for DynamoDB.DeleteTable");
        }
    }

    private static DynamoDbClient client(AwsStandIn standIn, Tls tls) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tls.trustStore())) {
            trusted.load(in, tls.password().toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        return DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .tlsTrustManagersProvider(trust::getTrustManagers)
                        .build())
                .endpointOverride(URI.create(standIn.url()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
                .build();
    }
}
