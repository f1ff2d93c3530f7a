package com.ccs.workflows.localrunner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.services.sfn.model.SfnException;

/** Catches the SDK's exception for an API error and checks that it is the 400 AWS would answer. */
final class ApiErrorsAssert {
    private ApiErrorsAssert() {}

    static SfnException awsError(ThrowingCallable call, String code) {
        SfnException e = catchThrowableOfType(SfnException.class, call);
        assertThat(e).as("an SfnException " + code).isNotNull();
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(e.statusCode()).isEqualTo(400);
        return e;
    }
}
