package com.ccs.workflows.shared.event;

import com.ccs.workflows.errors.InvalidInputException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed, path-aware access to an event as Lambda's runtime deserialises it ({@code Map}, {@code List},
 * {@code String}, {@code Number}, {@code Boolean}). Every failure is an {@link InvalidInputException} naming
 * the field by its full path and saying what was expected, so a caller can fix the event without reading code.
 * Plain maps keep the functions free of a data-binding library on the cold-start path.
 */
public final class EventFields {
    private final Map<?, ?> values;
    private final String path;

    private EventFields(Map<?, ?> values, String path) {
        this.values = values;
        this.path = path;
    }

    /** Wraps the top-level event; a null or non-object event is itself invalid input. */
    public static EventFields of(Object event) {
        if (!(event instanceof Map<?, ?> map)) {
            throw new InvalidInputException("$", "the event must be a JSON object, got " + describe(event));
        }
        return new EventFields(map, "");
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    public String requiredString(String name) {
        return optionalString(name).orElseThrow(() -> missing(name, "a non-empty string"));
    }

    public Optional<String> optionalString(String name) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s)) {
            throw wrongType(name, "a string", value);
        }
        String trimmed = s.strip();
        return trimmed.isEmpty() ? Optional.empty() : Optional.of(trimmed);
    }

    public long requiredLong(String name) {
        return optionalLong(name).orElseThrow(() -> missing(name, "an integer"));
    }

    public Optional<Long> optionalLong(String name) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return Optional.of(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            try {
                return Optional.of(new BigDecimal(n.toString()).longValueExact());
            } catch (ArithmeticException | NumberFormatException e) { // too large, a fraction, or not finite
                throw new InvalidInputException(pathOf(name), "must be an integer, got " + plain(n));
            }
        }
        throw wrongType(name, "an integer", value);
    }

    /** As written in the request: 15000000.75, not Double's 1.500000075E7. */
    private static String plain(Number n) {
        try {
            return new BigDecimal(n.toString()).toPlainString();
        } catch (NumberFormatException e) { // Infinity, NaN
            return n.toString();
        }
    }

    public double requiredDouble(String name) {
        return optionalDouble(name).orElseThrow(() -> missing(name, "a number"));
    }

    public Optional<Double> optionalDouble(String name) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new InvalidInputException(pathOf(name), "must be a finite number, got " + n);
            }
            return Optional.of(d);
        }
        throw wrongType(name, "a number", value);
    }

    public Optional<Boolean> optionalBoolean(String name) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Boolean b) {
            return Optional.of(b);
        }
        throw wrongType(name, "true or false", value);
    }

    public EventFields requiredObject(String name) {
        return optionalObject(name).orElseThrow(() -> missing(name, "an object"));
    }

    public Optional<EventFields> optionalObject(String name) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Map<?, ?> map) {
            return Optional.of(new EventFields(map, pathOf(name)));
        }
        throw wrongType(name, "an object", value);
    }

    /** The elements of an array of objects, each wrapped with its index in the path ({@code vehicles[3]}). */
    public List<EventFields> objectList(String name) {
        Object value = values.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw wrongType(name, "an array", value);
        }
        List<EventFields> items = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String itemPath = pathOf(name) + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                throw new InvalidInputException(itemPath, "must be an object, got " + describe(list.get(i)));
            }
            items.add(new EventFields(map, itemPath));
        }
        return items;
    }

    /** The raw value, for callers that keep a sub-document as it came (e.g. free-form metadata). */
    public Object raw(String name) {
        return values.get(name);
    }

    /** The full dotted path of a field of this object, for error messages raised by callers. */
    public String pathOf(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    public InvalidInputException invalid(String name, String reason) {
        return new InvalidInputException(pathOf(name), reason);
    }

    private InvalidInputException missing(String name, String expected) {
        return new InvalidInputException(pathOf(name), "is required and must be " + expected);
    }

    private InvalidInputException wrongType(String name, String expected, Object value) {
        return new InvalidInputException(pathOf(name), "must be " + expected + ", got " + describe(value));
    }

    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "a string" + (s.length() <= 40 ? " \"" + s + "\"" : " of " + s.length() + " characters");
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof List<?>) {
            return "an array";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        return "a " + value.getClass().getSimpleName();
    }
}
