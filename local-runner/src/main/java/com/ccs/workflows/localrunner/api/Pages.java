package com.ccs.workflows.localrunner.api;

import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * maxResults/nextToken pagination. Each item has a sort key whose string order is the listing order; a token
 * holds the key of the last item returned, so a page continues after it even when items were added or removed
 * in between (a new execution appears at the top of ListExecutions without shifting later pages). A token only
 * fits the listing it came from (same operation, resource and filter); any other is InvalidToken.
 */
final class Pages {
    /** AWS's default page size when maxResults is absent or 0, and its maximum. */
    static final int DEFAULT_SIZE = 100;

    static final int MAX_SIZE = 1000;

    record Page<T>(List<T> items, String nextToken) {

        /** The list operation's answer: the items under {@code member}, and {@code nextToken} when more follow. */
        ObjectNode answer(String member, Function<T, JsonNode> item) {
            ObjectNode out = Json.object();
            ArrayNode array = out.putArray(member);
            items.forEach(i -> array.add(item.apply(i)));
            if (nextToken != null) {
                out.put("nextToken", nextToken);
            }
            return out;
        }
    }

    private Pages() {}

    static <T> Page<T> page(List<T> items, Function<T, String> key, String scope, String token, int maxResults) {
        String after = token == null ? null : decode(scope, token);
        int size = maxResults == 0 ? DEFAULT_SIZE : maxResults;
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(key));
        List<T> page = new ArrayList<>(Math.min(size, sorted.size()));
        boolean more = false;
        for (T item : sorted) {
            if (after != null && key.apply(item).compareTo(after) <= 0) {
                continue;
            }
            if (page.size() == size) {
                more = true;
                break;
            }
            page.add(item);
        }
        String next = more ? encode(scope, key.apply(page.get(page.size() - 1))) : null;
        return new Page<>(List.copyOf(page), next);
    }

    /** A fixed-width key ordering instants ascending (or descending) as strings. */
    static String instantKey(Instant instant, boolean descending) {
        // Shifted to stay positive for any date from 1843 to 2135.
        long shifted = instant.getEpochSecond() * 1_000_000_000L + instant.getNano() + 4_000_000_000_000_000_000L;
        return numberKey(shifted, descending);
    }

    static String numberKey(long value, boolean descending) {
        return String.format("%020d", descending ? Long.MAX_VALUE - value : value);
    }

    private static String encode(String scope, String cursor) {
        String raw = scope + "\n" + cursor;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String scope, String token) {
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiErrors.invalidPageToken();
        }
        int newline = raw.indexOf('\n');
        if (newline < 0 || !raw.substring(0, newline).equals(scope)) {
            throw ApiErrors.invalidPageToken();
        }
        return raw.substring(newline + 1);
    }
}
