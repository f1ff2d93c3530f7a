package com.ccs.workflows.localrunner.backend;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/** The digests SQS answers with, which the SDK verifies: of a body, and of a message's attributes. */
final class SqsDigests {
    private SqsDigests() {}

    /**
     * SQS's MD5 of message attributes, which the SDK checks: per attribute in name order, the name, the data type,
     * a transport byte (1 string or number, 2 binary) and the value, each length-prefixed (4 bytes, big-endian).
     */
    static String attributesDigest(JsonNode attributes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> names = new ArrayList<>();
        attributes.fieldNames().forEachRemaining(names::add);
        Collections.sort(names);
        for (String name : names) {
            JsonNode attribute = attributes.get(name);
            String type = attribute.path("DataType").asText();
            lengthPrefixed(bytes, name.getBytes(StandardCharsets.UTF_8));
            lengthPrefixed(bytes, type.getBytes(StandardCharsets.UTF_8));
            if (type.startsWith("Binary")) {
                bytes.write(2);
                lengthPrefixed(
                        bytes,
                        Base64.getDecoder().decode(attribute.path("BinaryValue").asText()));
            } else {
                bytes.write(1);
                lengthPrefixed(bytes, attribute.path("StringValue").asText().getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hex digest of a text's UTF-8 bytes (MD5 for bodies, SHA-256 for content-based deduplication). */
    static String digest(String algorithm, String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void lengthPrefixed(ByteArrayOutputStream out, byte[] value) {
        out.write(value.length >>> 24);
        out.write(value.length >>> 16);
        out.write(value.length >>> 8);
        out.write(value.length);
        out.writeBytes(value);
    }
}
