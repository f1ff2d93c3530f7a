package com.ccs.workflows.localrunner.backend;

/**
 * An error answered the way the AWS service would: its error code (the SDK maps it to the exception class, e.g.
 * ConditionalCheckFailedException), HTTP status and message.
 */
public class AwsServiceException extends RuntimeException {
    private final String code;
    private final int status;

    public AwsServiceException(String code, int status, String message) {
        super(message);
        this.code = code;
        this.status = status;
    }

    public static AwsServiceException validation(String message) {
        return new AwsServiceException("ValidationException", 400, message);
    }

    public static AwsServiceException notFound(String code, String message) {
        return new AwsServiceException(code, 400, message);
    }

    /** An operation or service outside the embedded subset: say so, and what to use instead. */
    public static AwsServiceException unsupported(String service, String operation) {
        return new AwsServiceException(
                "UnsupportedOperation",
                501,
                service + " " + operation
                        + " is outside the embedded backends' subset (see local-runner/README.md); run against an emulator"
                        + " such as MiniStack, moto or LocalStack with --endpoint-url (or AWS_ENDPOINT_URL)");
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
