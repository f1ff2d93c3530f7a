package com.ccs.workflows.localrunner.jsonata;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Utils;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * JSONata functions as its JavaScript reference, which AWS runs, computes them, where com.dashjoin:jsonata differs on
 * input a user may well send:
 *
 * <ul>
 *   <li>{@code $substring} counts characters as code points, as the reference does, but then cuts the string by
 *       UTF-16 units: after an emoji it returns the wrong part ({@code $substring('😀abc', 1, 2)} gives "abc", not
 *       "ab"), half an emoji, or fails.
 *   <li>{@code $encodeUrl} leaves spaces and other characters that JavaScript's {@code encodeURI} encodes.
 *   <li>{@code $sum} and {@code $average} add with compensation: {@code $sum([0.1, 0.2, 0.3])} gives 0.6 where
 *       JavaScript's plain left-to-right addition gives 0.6000000000000001.
 *   <li>{@code $match} ignores its limit.
 *   <li>{@code $number} accepts strings the reference refuses ({@code " 12 "}, {@code "1."}, {@code "-.5"}), so an
 *       expression that fails on AWS would pass here.
 *   <li>{@code $string} writes numbers and structures differently ({@link JavaScriptJson}).
 * </ul>
 */
final class JavaScriptFunctions {
    private JavaScriptFunctions() {}

    private static final Jsonata.JFunction SUBSTRING = Jsonata.function(
            "substring",
            (Jsonata.FnVarArgs<Object>) args -> substring(
                    (String) args.get(0), (Number) args.get(1), args.size() > 2 ? (Number) args.get(2) : null),
            "<s-nn?:s>");

    private static final Jsonata.JFunction ENCODE_URL =
            Jsonata.function("encodeUrl", (Jsonata.Fn1<String, Object>) JavaScriptFunctions::encodeUrl, "<s-:s>");

    private static final Jsonata.JFunction SUM =
            Jsonata.function("sum", (Jsonata.Fn1<List<Number>, Object>) JavaScriptFunctions::sum, "<a<n>:n>");

    private static final Jsonata.JFunction AVERAGE = Jsonata.function(
            "average",
            (Jsonata.Fn1<List<Number>, Object>)
                    numbers -> numbers == null || numbers.isEmpty() ? null : sum(numbers) / numbers.size(),
            "<a<n>:n>");

    private static final Jsonata.JFunction MATCH = Jsonata.function(
            "match",
            (Jsonata.FnVarArgs<Object>) args ->
                    match((String) args.get(0), (Pattern) args.get(1), args.size() > 2 ? (Number) args.get(2) : null),
            "<s-f<s:o>n?:a<o>>");

    private static final Jsonata.JFunction STRING = Jsonata.function(
            "string",
            (Jsonata.FnVarArgs<Object>) args -> JavaScriptJson.string(
                    args.isEmpty() ? null : args.get(0), args.size() > 1 && Boolean.TRUE.equals(args.get(1))),
            "<x-b?:s>");

    /** Not available on AWS ("use $parse instead"): calling it fails as calling any name that is not a function. */
    private static final Jsonata.JFunction EVAL = Jsonata.function(
            "eval",
            (Jsonata.FnVarArgs<Object>) args -> {
                throw new JsonataFunctionError("T1006", "Attempted to invoke a non-function");
            },
            null);

    private static final Jsonata.JFunction NUMBER =
            Jsonata.function("number", (Jsonata.Fn1<Object, Object>) JavaScriptFunctions::number, "<(nsb)-:n>");

    /**
     * Puts these functions in a compiled expression's own environment, once: each evaluation's frame (its variables)
     * sits below it, so a variable named "sum" or "number" hides the function, as in the reference.
     */
    static void register(Jsonata jsonata) {
        jsonata.registerFunction("substring", SUBSTRING);
        jsonata.registerFunction("encodeUrl", ENCODE_URL);
        jsonata.registerFunction("sum", SUM);
        jsonata.registerFunction("average", AVERAGE);
        jsonata.registerFunction("match", MATCH);
        jsonata.registerFunction("number", NUMBER);
        jsonata.registerFunction("string", STRING);
        jsonata.registerFunction("eval", EVAL);
    }

    /** The library's matches, at most {@code limit} of them. */
    static Object match(String text, Pattern regex, Number limit) {
        if (text == null) {
            return null;
        }
        if (limit != null && limit.doubleValue() < 0) {
            throw new JsonataFunctionError(
                    "D3040", "Third argument of match function must evaluate to a positive number");
        }
        List<Object> result = Utils.createSequence();
        List<?> all = Functions.match(text, regex, null);
        for (int i = 0; i < all.size() && (limit == null || i < limit.doubleValue()); i++) {
            result.add(all.get(i));
        }
        return result;
    }

    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([Ee][-+]?[0-9]+)?");
    private static final Pattern PREFIXED = Pattern.compile("0([xX][0-9A-Fa-f]+|[oO][0-7]+|[bB][01]+)");

    /** A number, a JSON-style decimal string, a 0x/0o/0b string or a boolean; anything else is refused. */
    static Object number(Object value) {
        if (value == null || value instanceof Number) {
            return value;
        }
        if (value instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        String text = String.valueOf(value);
        if (DECIMAL.matcher(text).matches()) {
            double d = Double.parseDouble(text);
            if (Double.isFinite(d)) {
                return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
            }
        } else if (PREFIXED.matcher(text).matches()) {
            int radix = switch (Character.toLowerCase(text.charAt(1))) {
                case 'x' -> 16;
                case 'o' -> 8;
                default -> 2;
            };
            BigInteger whole = new BigInteger(text.substring(2), radix);
            return whole.bitLength() < 63 ? (Object) whole.longValue() : (Object) whole.doubleValue();
        }
        throw new JsonataFunctionError("D3030", "Unable to cast value to a number: " + JavaScriptJson.quoted(text));
    }

    /** Left to right in doubles, as JavaScript adds. */
    static Double sum(List<Number> numbers) {
        if (numbers == null) {
            return null;
        }
        double total = 0;
        for (Number n : numbers) {
            total += n.doubleValue();
        }
        return total;
    }

    /** Characters are code points; start and end are cut towards zero only at the end, as Array.slice does. */
    static String substring(String text, Number start, Number length) {
        if (text == null) {
            return null;
        }
        int[] chars = text.codePoints().toArray();
        int n = chars.length;
        double from = start.doubleValue();
        if (n + from < 0) {
            from = 0;
        }
        double to = n;
        if (length != null) {
            if (length.doubleValue() <= 0) {
                return "";
            }
            to = from >= 0 ? from + length.doubleValue() : n + from + length.doubleValue();
        }
        int begin = sliceIndex(from, n);
        int end = sliceIndex(to, n);
        return begin >= end ? "" : new String(chars, begin, end - begin);
    }

    private static int sliceIndex(double index, int length) {
        long whole = (long) index; // towards zero; infinities become Long.MIN_VALUE or MAX_VALUE
        return (int) (whole < 0 ? Math.max(length + whole, 0) : Math.min(whole, length));
    }

    /** JavaScript's encodeURI: UTF-8, every character but these percent-encoded. */
    private static final String URI_KEEPS = "-_.!~*'();/?:@&=+$,#";

    static String encodeUrl(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 128 && (Character.isLetterOrDigit(c) || URI_KEEPS.indexOf(c) >= 0)) {
                out.append(c);
                continue;
            }
            int codePoint = text.codePointAt(i);
            if (Character.isSurrogate(c) && !Character.isSupplementaryCodePoint(codePoint)) {
                throw new JsonataFunctionError(
                        "D3140", "Malformed URL passed to $encodeUrl(): " + JavaScriptJson.quoted(text));
            }
            for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)));
                out.append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
            i += Character.charCount(codePoint) - 1;
        }
        return out.toString();
    }
}
