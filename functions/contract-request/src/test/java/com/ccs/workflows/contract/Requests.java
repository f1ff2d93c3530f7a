package com.ccs.workflows.contract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Contract requests as Lambda hands them to the function (plain maps), built from a valid one by small edits. */
public final class Requests {
    /** Passed as a value to {@link #with}: removes the field instead of setting it. */
    public static final Object ABSENT = new Object();

    private Requests() {}

    /**
     * The module description's example request with its NIT's check digit corrected (900123456-8): 75 vehicles, two
     * plates known, 15,000,000 COP by credit card, no Stripe ids.
     */
    public static Map<String, Object> valid() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("execution_id", "exec-12345");
        request.put("customer_id", "CUST-98765");
        request.put("document_type", "RUT");
        request.put("document_id", "900123456-8");
        request.put(
                "company_info", new LinkedHashMap<>(Map.of("name", "Transportes ABC S.A.S.", "tax_id", "900123456-8")));
        request.put("number_of_vehicles", 75);
        request.put("contract_type", "premium");
        request.put("estimated_value", 15000000);
        request.put("payment_method", "credit_card");
        List<Object> vehicles = new ArrayList<>();
        vehicles.add(new LinkedHashMap<>(Map.of("plate", "ABC-123", "model", "Freightliner")));
        vehicles.add(new LinkedHashMap<>(Map.of("plate", "DEF-456", "model", "Volvo")));
        request.put("vehicles", vehicles);
        return request;
    }

    /** {@link #valid()} with one field set (or removed, with {@link #ABSENT}): {@code company_info.tax_id}, {@code vehicles[1].plate}. */
    public static Map<String, Object> with(String path, Object value) {
        return with(valid(), path, value);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> with(Map<String, Object> request, String path, Object value) {
        String[] steps = path.split("\\.");
        Object container = request;
        for (int i = 0; i < steps.length - 1; i++) {
            container = child(container, steps[i]);
        }
        String last = steps[steps.length - 1];
        int bracket = last.indexOf('[');
        if (bracket >= 0) {
            List<Object> list = (List<Object>) child(container, last.substring(0, bracket));
            int index = Integer.parseInt(last.substring(bracket + 1, last.length() - 1));
            if (value == ABSENT) {
                list.remove(index);
            } else {
                list.set(index, value);
            }
        } else if (value == ABSENT) {
            ((Map<String, Object>) container).remove(last);
        } else {
            ((Map<String, Object>) container).put(last, value);
        }
        return request;
    }

    @SuppressWarnings("unchecked")
    private static Object child(Object container, String step) {
        int bracket = step.indexOf('[');
        if (bracket < 0) {
            return ((Map<String, Object>) container).get(step);
        }
        List<Object> list = (List<Object>) ((Map<String, Object>) container).get(step.substring(0, bracket));
        return list.get(Integer.parseInt(step.substring(bracket + 1, step.length() - 1)));
    }

    public static List<Object> plates(String... plates) {
        List<Object> vehicles = new ArrayList<>();
        for (String plate : plates) {
            vehicles.add(new LinkedHashMap<>(Map.of("plate", plate, "model", "Kenworth T800")));
        }
        return vehicles;
    }
}
