package com.ccs.workflows.localrunner.api;

import com.ccs.workflows.localrunner.engine.EngineException;

/** The errors the API itself raises, worded as the Step Functions service words them. */
final class ApiErrors {
    static final String VALIDATION = "ValidationException";
    static final String SERIALIZATION = "SerializationException";
    static final String UNKNOWN_OPERATION = "UnknownOperationException";
    static final String INVALID_ARN = "InvalidArn";
    static final String INVALID_TOKEN = "InvalidToken";

    private ApiErrors() {}

    /** AWS's request validation (Coral) message for one failed constraint. */
    static EngineException constraint(Object value, String member, String constraint) {
        String shown = value == null ? "null" : "'" + value + "'";
        return new EngineException(
                VALIDATION,
                "1 validation error detected: Value " + shown + " at '" + member + "' failed to satisfy constraint: "
                        + constraint);
    }

    static EngineException missing(String member) {
        return constraint(null, member, "Member must not be null");
    }

    static EngineException serialization(String message) {
        return new EngineException(SERIALIZATION, message);
    }

    static EngineException invalidArn(String detail) {
        return new EngineException(INVALID_ARN, "Invalid Arn: '" + detail + "'");
    }

    static EngineException invalidPageToken() {
        return new EngineException(INVALID_TOKEN, "Invalid Token: 'Invalid token'");
    }
}
