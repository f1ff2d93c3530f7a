package com.ccs.workflows.localrunner.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Secrets Manager in memory: CreateSecret, PutSecretValue, GetSecretValue by name or ARN. */
public final class SecretsManagerBackend {
    private record Secret(String arn, String name, String value, String versionId) {}

    private final Map<String, Secret> secrets = new ConcurrentHashMap<>();
    private final String region;
    private final String account;

    public SecretsManagerBackend(String region, String account) {
        this.region = region;
        this.account = account;
    }

    /** Creates or replaces a secret; returns its ARN. */
    public String put(String name, String value) {
        Secret existing = secrets.get(name);
        String arn = existing != null
                ? existing.arn()
                : "arn:aws:secretsmanager:" + region + ":" + account + ":secret:" + name + "-"
                        + UUID.randomUUID().toString().substring(0, 6);
        Secret secret = new Secret(arn, name, value, UUID.randomUUID().toString());
        secrets.put(name, secret);
        secrets.put(arn, secret);
        return arn;
    }

    public JsonNode handle(String operation, JsonNode request) {
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        switch (operation) {
            case "CreateSecret", "PutSecretValue" -> {
                String id = request.has("Name")
                        ? request.get("Name").asText()
                        : request.path("SecretId").asText();
                if (operation.equals("PutSecretValue")) {
                    id = find(id).name();
                } else if (secrets.containsKey(id)) {
                    throw new AwsServiceException(
                            "ResourceExistsException",
                            400,
                            "The operation failed because the secret " + id + " already exists.");
                }
                String arn = put(id, request.path("SecretString").asText());
                Secret secret = secrets.get(arn);
                response.put("ARN", arn).put("Name", secret.name()).put("VersionId", secret.versionId());
            }
            case "GetSecretValue" -> {
                Secret secret = find(request.path("SecretId").asText());
                response.put("ARN", secret.arn())
                        .put("Name", secret.name())
                        .put("VersionId", secret.versionId())
                        .put("SecretString", secret.value());
                response.putArray("VersionStages").add("AWSCURRENT");
                response.put("CreatedDate", System.currentTimeMillis() / 1000.0);
            }
            default -> throw AwsServiceException.unsupported("Secrets Manager", operation);
        }
        return response;
    }

    private Secret find(String id) {
        Secret secret = secrets.get(id);
        if (secret == null) {
            throw AwsServiceException.notFound(
                    "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
        }
        return secret;
    }
}
