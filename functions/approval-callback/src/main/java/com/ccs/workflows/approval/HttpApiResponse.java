package com.ccs.workflows.approval;

import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP API (payload format 2.0) response: a status, headers and a text body. */
record HttpApiResponse(int statusCode, Map<String, String> headers, String body) {

    /** The response as the function returns it to API Gateway. */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("statusCode", statusCode);
        map.put("headers", headers);
        map.put("body", body);
        map.put("isBase64Encoded", false);
        return map;
    }
}
