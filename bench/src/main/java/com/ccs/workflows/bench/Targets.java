package com.ccs.workflows.bench;

import com.ccs.workflows.bench.AwsStandIn.Reply;
import java.util.List;
import java.util.Map;

/**
 * The functions the bench starts, with the environment template.yaml gives them and valid replies to the calls
 * each makes on its sample event, so that every cold start runs the function's main path to a real answer.
 */
final class Targets {
    static final String HELLO = "hello-world";
    static final String HELLO_STREAM = "hello-stream";
    static final String STRIPE_KEY_SECRET = "{\"api_key\":\"sk_test_bench\"}";
    /** The secret the sample approval links in events/functions/approval-callback are signed with. */
    static final String APPROVAL_SECRET = "ccs-local-approval-signing-secret-not-for-production";

    private static final String ACCOUNT = "000000000000";

    private Targets() {}

    static List<Target> all(String endpoint) {
        return List.of(
                new Target(
                        HELLO,
                        null,
                        "com.ccs.workflows.bench.hello.HelloWorldHandler::handleRequest",
                        null,
                        Map.of(),
                        Map.of()),
                new Target(
                        HELLO_STREAM,
                        null,
                        "com.ccs.workflows.bench.hello.HelloWorldStreamHandler::handleRequest",
                        null,
                        Map.of(),
                        Map.of()),
                new Target(
                        "validate-customer",
                        "validate-customer",
                        "com.ccs.workflows.validatecustomer.ValidateCustomerHandler::handleRequest",
                        "events/functions/validate-customer/valid-25-vehicles.json",
                        Map.of(
                                "POWERTOOLS_SERVICE_NAME",
                                "validate-customer",
                                "REGISTRY_BASE_URL",
                                endpoint,
                                "REGISTRY_TIMEOUT_MS",
                                "2000",
                                "VEHICLES_TABLE",
                                "ccs-bench-vehicles"),
                        Map.of(
                                "Registry.GetCompany",
                                new Reply(
                                        200,
                                        "application/json",
                                        "{\"nit\":\"901234567\",\"name\":\"Logistica Andina S.A.S.\",\"status\":\"ACTIVE\"}"),
                                "DynamoDB.BatchGetItem",
                                Reply.json("{\"Responses\":{\"ccs-bench-vehicles\":[]},\"UnprocessedKeys\":{}}"))),
                new Target(
                        "create-contract",
                        "create-contract",
                        "com.ccs.workflows.createcontract.CreateContractHandler::handleRequest",
                        "events/functions/create-contract/automatic.json",
                        Map.of("POWERTOOLS_SERVICE_NAME", "create-contract", "CONTRACTS_TABLE", "ccs-bench-contracts"),
                        Map.of(
                                "DynamoDB.GetItem",
                                Reply.json("{}"),
                                "DynamoDB.UpdateItem",
                                Reply.json("{\"Attributes\":{\"seq\":{\"N\":\"42\"}}}"),
                                "DynamoDB.TransactWriteItems",
                                Reply.json("{}"))),
                new Target(
                        "process-payment",
                        "process-payment",
                        "com.ccs.workflows.processpayment.ProcessPaymentHandler::handleRequest",
                        "events/functions/process-payment/success.json",
                        Map.of(
                                "POWERTOOLS_SERVICE_NAME",
                                "process-payment",
                                "STRIPE_API_BASE",
                                endpoint,
                                "STRIPE_SECRET_ARN",
                                "arn:aws:secretsmanager:us-east-1:" + ACCOUNT + ":secret:ccs-bench/stripe-api-key",
                                "PAYMENT_SCOPE",
                                "bench"),
                        Map.of(
                                "SecretsManager.GetSecretValue",
                                secret("ccs-bench/stripe-api-key", STRIPE_KEY_SECRET),
                                "Stripe.SearchCustomers",
                                new Reply(
                                        200,
                                        "application/json",
                                        "{\"object\":\"search_result\","
                                                + "\"data\":[{\"id\":\"cus_Q7xKcT2mJ9aB4d\",\"object\":\"customer\"}],\"has_more\":false}"),
                                "Stripe.RetrieveCustomer",
                                new Reply(
                                        200,
                                        "application/json",
                                        "{\"id\":\"cus_Q7xKcT2mJ9aB4d\","
                                                + "\"object\":\"customer\",\"invoice_settings\":{\"default_payment_method\":\"pm_card_visa\"}}"),
                                "Stripe.ListPaymentIntents",
                                new Reply(
                                        200,
                                        "application/json",
                                        "{\"object\":\"list\",\"data\":[],\"has_more\":false}"),
                                "Stripe.CreatePaymentIntent",
                                new Reply(
                                        200,
                                        "application/json",
                                        "{\"id\":\"pi_bench0001\",\"object\":\"payment_intent\",\"amount\":85000000,"
                                                + "\"currency\":\"cop\",\"status\":\"succeeded\",\"customer\":\"cus_Q7xKcT2mJ9aB4d\","
                                                + "\"payment_method\":\"pm_card_visa\",\"livemode\":false,\"created\":1767225600,"
                                                + "\"metadata\":{}}"))),
                new Target(
                        "activate-service",
                        "activate-service",
                        "com.ccs.workflows.activateservice.ActivateServiceHandler::handleRequest",
                        "events/functions/activate-service/activate-2-of-75.json",
                        Map.of(
                                "POWERTOOLS_SERVICE_NAME",
                                "activate-service",
                                "CONTRACTS_TABLE",
                                "ccs-bench-contracts",
                                "VEHICLES_TABLE",
                                "ccs-bench-vehicles"),
                        Map.of(
                                "DynamoDB.GetItem",
                                Reply.json("{\"Item\":{\"contract_id\":{\"S\":\"CONT-2026-000042\"},"
                                        + "\"customer_id\":{\"S\":\"CUST-98765\"}}}"),
                                "DynamoDB.BatchGetItem",
                                Reply.json("{\"Responses\":{\"ccs-bench-vehicles\":[]},\"UnprocessedKeys\":{}}"),
                                "DynamoDB.TransactWriteItems",
                                Reply.json("{}"),
                                "DynamoDB.UpdateItem",
                                Reply.json("{\"Attributes\":{\"activated_at\":{\"S\":\"2026-03-01T12:00:00Z\"}}}"))),
                new Target(
                        "approval-request",
                        "approval-request",
                        "com.ccs.workflows.approval.ApprovalRequestHandler::handleRequest",
                        "events/functions/approval-request/request.json",
                        approvalEnvironment(
                                "approval-request",
                                Map.of(
                                        "REMINDER_TARGET_ARN",
                                        "arn:aws:lambda:us-east-1:" + ACCOUNT
                                                + ":function:ccs-bench-approval-reminder:live",
                                        "REMINDER_ROLE_ARN",
                                        "arn:aws:iam::" + ACCOUNT + ":role/ccs-bench-reminders",
                                        "REMINDER_DEAD_LETTER_QUEUE_ARN",
                                        "arn:aws:sqs:us-east-1:" + ACCOUNT + ":ccs-bench-reminders-dlq",
                                        "REMINDER_LEAD_SECONDS",
                                        "3600",
                                        "REMINDER_SCHEDULE_GROUP",
                                        "ccs-bench-approval-reminders")),
                        Map.of(
                                "SecretsManager.GetSecretValue",
                                secret("ccs-bench/approval-link-signing-key", APPROVAL_SECRET),
                                "DynamoDB.GetItem",
                                Reply.json("{}"),
                                "DynamoDB.TransactWriteItems",
                                Reply.json("{}"),
                                "DynamoDB.UpdateItem",
                                Reply.json("{\"Attributes\":" + approvalItem("pending", "") + "}"),
                                "SNS.Publish",
                                snsPublished(),
                                "Scheduler.CreateSchedule",
                                new Reply(
                                        200,
                                        "application/json",
                                        "{\"ScheduleArn\":\"arn:aws:scheduler:us-east-1:" + ACCOUNT
                                                + ":schedule/ccs-bench/reminder\"}"))),
                new Target(
                        "approval-reminder",
                        "approval-reminder",
                        "com.ccs.workflows.approval.ApprovalReminderHandler::handleRequest",
                        "events/functions/approval-reminder/reminder.json",
                        approvalEnvironment("approval-reminder", Map.of()),
                        Map.of(
                                "SecretsManager.GetSecretValue",
                                secret("ccs-bench/approval-link-signing-key", APPROVAL_SECRET),
                                "DynamoDB.GetItem",
                                Reply.json("{\"Item\":" + approvalItem("pending", "") + "}"),
                                "DynamoDB.UpdateItem",
                                Reply.json("{\"Attributes\":" + approvalItem("pending", "") + "}"),
                                "SNS.Publish",
                                snsPublished())),
                new Target(
                        "approval-callback",
                        "approval-callback",
                        "com.ccs.workflows.approval.ApprovalCallbackHandler::handleRequest",
                        "events/functions/approval-callback/approve.json",
                        approvalEnvironment("approval-callback", Map.of()),
                        Map.of(
                                "SecretsManager.GetSecretValue",
                                secret("ccs-bench/approval-link-signing-key", APPROVAL_SECRET),
                                "DynamoDB.GetItem",
                                Reply.json("{\"Item\":" + approvalItem("pending", "") + "}"),
                                "DynamoDB.UpdateItem",
                                Reply.json("{\"Attributes\":"
                                        + approvalItem(
                                                "approved",
                                                ",\"decided_by\":{\"S\":\"manager@ccs.example\"},\"decided_at\":{\"S\":\"2026-11-25T18:00:00Z\"},"
                                                        + "\"decision_claim\":{\"S\":\"bench-claim\"}")
                                        + "}"),
                                "SFN.SendTaskSuccess",
                                new Reply(200, "application/x-amz-json-1.0", "{}"))),
                new Target(
                        "video-recording",
                        "video-recording",
                        "com.ccs.workflows.videorecording.VideoRecordingHandler::handleRequest",
                        "events/functions/video-recording/panic-button.json",
                        Map.of(
                                "POWERTOOLS_SERVICE_NAME",
                                "video-recording",
                                "RECORDINGS_TABLE",
                                "ccs-bench-recordings",
                                "VEHICLE_COMMAND_TOPIC_PREFIX",
                                "ccs/bench/vehicles",
                                "IOT_DATA_ENDPOINT",
                                "example-ats.iot.us-east-1.amazonaws.com"),
                        Map.of(
                                "DynamoDB.PutItem",
                                Reply.json("{}"),
                                "DynamoDB.UpdateItem",
                                Reply.json("{}"),
                                "IoT.Publish",
                                new Reply(200, "application/json", ""))));
    }

    private static Map<String, String> approvalEnvironment(String service, Map<String, String> more) {
        var env = new java.util.HashMap<>(Map.of(
                "POWERTOOLS_SERVICE_NAME",
                service,
                "APPROVALS_TABLE",
                "ccs-bench-approvals",
                "MANAGER_TOPIC_ARN",
                "arn:aws:sns:us-east-1:" + ACCOUNT + ":ccs-bench-manager-notifications",
                "MANAGER_ID",
                "manager@ccs.example",
                "APPROVAL_SIGNING_SECRET_ARN",
                "arn:aws:secretsmanager:us-east-1:" + ACCOUNT + ":secret:ccs-bench/approval-link-signing-key",
                "APPROVAL_BASE_URL",
                "https://approvals.example.test"));
        env.putAll(more);
        return Map.copyOf(env);
    }

    private static Reply secret(String name, String value) {
        return new Reply(
                200,
                "application/x-amz-json-1.1",
                "{\"ARN\":\"arn:aws:secretsmanager:us-east-1:" + ACCOUNT + ":secret:"
                        + name + "\",\"Name\":\"" + name + "\",\"SecretString\":" + quote(value)
                        + ",\"VersionId\":\"v1\",\"VersionStages\":[\"AWSCURRENT\"],\"CreatedDate\":1767225600}");
    }

    private static Reply snsPublished() {
        return Reply.xml("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                + "<MessageId>00000000-0000-0000-0000-000000000001</MessageId></PublishResult>"
                + "<ResponseMetadata><RequestId>bench-request</RequestId></ResponseMetadata></PublishResponse>");
    }

    /** The sample approval (apr_SampleApproval-0000001) as the approvals table stores it. */
    private static String approvalItem(String status, String more) {
        return "{\"approval_id\":{\"S\":\"apr_SampleApproval-0000001\"},\"record_type\":{\"S\":\"approval\"},"
                + "\"execution_id\":{\"S\":\"exec-12345\"},\"task_token\":{\"S\":\"AQCEAAAAKgAAAAMAAAAAAAAAAexampleTaskTokenForLocalTestsOnly==\"},"
                + "\"customer_id\":{\"S\":\"CUST-98765\"},\"company_name\":{\"S\":\"Transportes ABC S.A.S.\"},"
                + "\"number_of_vehicles\":{\"N\":\"75\"},\"contract_type\":{\"S\":\"premium\"},\"estimated_value\":{\"N\":\"15000000\"},"
                + "\"approver\":{\"S\":\"manager@ccs.example\"},\"status\":{\"S\":\"" + status + "\"},"
                + "\"created_at\":{\"S\":\"2026-11-25T17:00:00Z\"},\"expires_at\":{\"N\":\"4102444800\"},"
                + "\"ttl\":{\"N\":\"4110220800\"},\"audit\":{\"L\":[]}" + more + "}";
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
