package com.ccs.workflows.approval;

import com.ccs.workflows.shared.aws.AwsClients;
import com.ccs.workflows.shared.aws.SecretsManagerSecrets;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The AWS adapters all three approval functions build from their environment, once per container. */
final class ApprovalAdapters {
    private ApprovalAdapters() {}

    /** The approvals table ({@code APPROVALS_TABLE}). */
    static DynamoDbApprovalStore store(Env env) {
        return new DynamoDbApprovalStore(AwsClients.build(DynamoDbClient.builder()), env.required("APPROVALS_TABLE"));
    }

    /**
     * The link signer on the key in Secrets Manager ({@code APPROVAL_SIGNING_SECRET_ARN}); {@code baseUrl} is where
     * the links point, null for a function that only verifies them.
     */
    static LinkSigner signer(Env env, String baseUrl) {
        return new LinkSigner(
                new SecretsManagerSigningKey(
                        SecretsManagerSecrets.fromEnvironment(), env.required("APPROVAL_SIGNING_SECRET_ARN")),
                baseUrl);
    }
}
