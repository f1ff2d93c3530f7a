package com.ccs.workflows.shared.observability.tracing;

import java.util.Optional;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An AWS SDK interceptor that records each call as an {@code aws} subsegment (service, operation, region, request
 * id, HTTP status, the failure), the way X-Ray's service map shows DynamoDB, SNS or Lambda behind a
 * function. The SDK itself forwards the trace header to the service.
 */
public final class AwsCallTracing implements ExecutionInterceptor {
    public static final AwsCallTracing INSTANCE = new AwsCallTracing();

    private static final ExecutionAttribute<Subsegment> SUBSEGMENT = new ExecutionAttribute<>("CcsXRaySubsegment");

    private AwsCallTracing() {}

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        Subsegment subsegment = Tracing.begin(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME), "aws");
        if (subsegment != null) {
            subsegment.aws("operation", attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            Object region = attributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
            subsegment.aws("region", region == null ? null : region.toString());
            attributes.putAttribute(SUBSEGMENT, subsegment);
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Subsegment subsegment = attributes.getAttribute(SUBSEGMENT);
        if (subsegment != null) {
            subsegment.httpStatus(context.httpResponse().statusCode());
            requestId(context.httpResponse()).ifPresent(id -> subsegment.aws("request_id", id));
            Tracing.end(subsegment);
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Subsegment subsegment = attributes.getAttribute(SUBSEGMENT);
        if (subsegment != null) {
            Optional<SdkHttpResponse> response = context.httpResponse();
            response.flatMap(AwsCallTracing::requestId).ifPresent(id -> subsegment.aws("request_id", id));
            Throwable thrown = context.exception();
            subsegment.failed(
                    thrown,
                    response.map(SdkHttpResponse::statusCode).orElse(0),
                    thrown instanceof SdkServiceException service && service.isThrottlingException());
            Tracing.end(subsegment);
        }
    }

    private static Optional<String> requestId(SdkHttpResponse response) {
        Optional<String> id = response.firstMatchingHeader("x-amzn-RequestId");
        return id.isPresent() ? id : response.firstMatchingHeader("x-amz-request-id");
    }
}
