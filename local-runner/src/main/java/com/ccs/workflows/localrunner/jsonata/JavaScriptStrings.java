package com.ccs.workflows.localrunner.jsonata;

import com.ccs.workflows.localrunner.errors.RuntimeFailure;
import com.dashjoin.jsonata.Jsonata;
import java.nio.charset.StandardCharsets;

/**
 * Two of JSONata's string functions as its JavaScript reference, which AWS runs, computes them; com.dashjoin:jsonata
 * differs on text a user may well send:
 *
 * <ul>
 *   <li>{@code $substring} counts characters as code points, as the reference does, but then cuts the string by
 *       UTF-16 units: after an emoji it returns the wrong part ({@code $substring('😀abc', 1, 2)} gives "abc", not
 *       "ab"), half an emoji, or fails.
 *   <li>{@code $encodeUrl} leaves spaces and other characters that JavaScript's {@code encodeURI} encodes.
 * </ul>
 */
final class JavaScriptStrings {
    private JavaScriptStrings() {}

    private static final Jsonata.JFunction SUBSTRING = Jsonata.function(
            "substring",
            (Jsonata.FnVarArgs<Object>) args -> substring(
                    (String) args.get(0), (Number) args.get(1), args.size() > 2 ? (Number) args.get(2) : null),
            "<s-nn?:s>");

    private static final Jsonata.JFunction ENCODE_URL =
            Jsonata.function("encodeUrl", (Jsonata.Fn1<String, Object>) JavaScriptStrings::encodeUrl, "<s-:s>");

    static void bind(Jsonata.Frame frame) {
        frame.bind("substring", SUBSTRING);
        frame.bind("encodeUrl", ENCODE_URL);
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
                throw RuntimeFailure.query("The function $encodeUrl was given a malformed string: " + text);
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
