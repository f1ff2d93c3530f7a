package com.ccs.workflows.integration.stack;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The LocalStack image the Testcontainers stack starts. LocalStack's images after 4.14.0 are one unified image that
 * refuses to start without {@code LOCALSTACK_AUTH_TOKEN} (since March 2026), so the default is pinned to 4.14.0 and a
 * later or floating tag without a token is refused here, with the way out, instead of a container that exits.
 * Other images (Floci, MiniStack) answer the same APIs without a token and pass unchecked.
 */
public record LocalStackImage(String name) {
    /** The last LocalStack release that runs without an auth token. */
    public static final String DEFAULT = "localstack/localstack:4.14.0";

    private static final String REPOSITORY = "localstack/localstack";
    private static final Pattern VERSION = Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?");

    /** The image to run: {@code configured} (or the default when blank), checked against the token's presence. */
    public static LocalStackImage resolve(String configured, String authToken) {
        String name = configured == null || configured.isBlank() ? DEFAULT : configured.trim();
        boolean token = authToken != null && !authToken.isBlank();
        if (!token && needsToken(name)) {
            throw new IllegalStateException("CCS_LOCALSTACK_IMAGE=" + name + ": LocalStack images after 4.14.0 (and"
                    + " floating tags such as latest or 4) need LOCALSTACK_AUTH_TOKEN. Set the token, or use " + DEFAULT
                    + ", or a Floci or MiniStack image.");
        }
        return new LocalStackImage(name);
    }

    /** Whether LocalStack would refuse to start this image without an auth token. */
    static boolean needsToken(String name) {
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        String repository = colon > slash ? name.substring(0, colon) : name;
        if (!repository.equals(REPOSITORY) && !repository.endsWith("/" + REPOSITORY)) {
            return false;
        }
        String tag = colon > slash ? name.substring(colon + 1) : "latest";
        Matcher version = VERSION.matcher(tag);
        if (!version.matches() || version.group(3) == null) {
            return true; // latest, stable, 4, 4.14: each moves to a release that needs a token
        }
        int[] parts = {
            Integer.parseInt(version.group(1)), Integer.parseInt(version.group(2)), Integer.parseInt(version.group(3))
        };
        return parts[0] > 4 || parts[0] == 4 && (parts[1] > 14 || parts[1] == 14 && parts[2] > 0);
    }
}
