package com.ccs.workflows.localrunner.standins;

import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The stand-in's answers to Stripe's customer endpoints, from {@link StripeCustomers}. */
final class StripeCustomerEndpoints {
    private static final Pattern SEARCH =
            Pattern.compile("metadata\\[(['\"])" + StripeCustomers.METADATA_KEY + "\\1]:(['\"])(.*)\\2");

    private final StripeCustomers customers;

    StripeCustomerEndpoints(StripeCustomers customers) {
        this.customers = customers;
    }

    StripeAnswer search(Map<String, List<String>> query) {
        String text = StripeParams.first(query, "query");
        if (text == null) {
            throw new StripeRefusal(400, "parameter_missing", "query", "Missing required param: query.");
        }
        String customerId = searchedCustomer(text.strip());
        int limit = StripeParams.limit(query);
        List<ObjectNode> found = customers.search(customerId);
        ObjectNode result = Json.object()
                .put("object", "search_result")
                .put("url", "/v1/customers/search")
                .put("has_more", found.size() > limit);
        ArrayNode data = result.putArray("data");
        found.stream().limit(limit).forEach(data::add);
        result.putNull("next_page");
        result.put("total_count", found.size());
        return new StripeAnswer(200, Json.write(result));
    }

    /** The platform customer id of {@code metadata['ccs_customer_id']:'X'}, the one query the stand-in answers. */
    private static String searchedCustomer(String query) {
        Matcher matcher = SEARCH.matcher(query);
        if (matcher.matches()) {
            char quote = matcher.group(2).charAt(0);
            String quoted = matcher.group(3);
            StringBuilder value = new StringBuilder();
            boolean valid = true;
            for (int i = 0; i < quoted.length() && valid; i++) {
                char c = quoted.charAt(i);
                if (c == '\\' && i + 1 < quoted.length()) {
                    value.append(quoted.charAt(++i)); // Stripe's search escapes a quote inside a value with a backslash
                } else {
                    valid = c != quote && c != '\\';
                    value.append(c);
                }
            }
            if (valid) {
                return value.toString();
            }
        }
        throw new StripeRefusal(
                400,
                null,
                "query",
                "The local Stripe stand-in searches customers by their platform id only,"
                        + " with the query metadata['" + StripeCustomers.METADATA_KEY + "']:'<id>'; got: " + query
                        + ". Use stripe-mock (--stripe-base-url) for other searches.");
    }

    StripeAnswer retrieve(String id) {
        ObjectNode customer = customers.retrieve(id);
        if (customer == null) {
            throw noSuchCustomer(id);
        }
        return new StripeAnswer(200, Json.write(customer));
    }

    StripeAnswer paymentMethods(String id, Map<String, List<String>> query) {
        List<ObjectNode> methods = customers.paymentMethods(id);
        if (methods == null) {
            throw noSuchCustomer(id);
        }
        String type = StripeParams.first(query, "type");
        List<ObjectNode> matching = methods.stream()
                .filter(m -> type == null || type.equals(m.path("type").asText()))
                .toList();
        return new StripeAnswer(
                200,
                Json.write(StripeParams.list(
                        "/v1/customers/" + id + "/payment_methods", matching, StripeParams.limit(query))));
    }

    private static StripeRefusal noSuchCustomer(String id) {
        return new StripeRefusal(404, "resource_missing", "id", "No such customer: '" + id + "'");
    }
}
