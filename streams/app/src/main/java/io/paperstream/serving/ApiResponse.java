package io.paperstream.serving;

import java.util.Map;

/**
 * What the server sends back: status, content type, body and extra headers.
 *
 * @param status HTTP status
 * @param contentType the Content-Type
 * @param body the body
 * @param headers extra headers such as Retry-After
 */
record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON = "application/json; charset=utf-8";

    static ApiResponse json(int status, byte[] body) {
        return new ApiResponse(status, JSON, body, Map.of());
    }
}
