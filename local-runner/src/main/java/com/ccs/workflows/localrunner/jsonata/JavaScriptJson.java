package com.ccs.workflows.localrunner.jsonata;

import com.dashjoin.jsonata.Jsonata;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * JSONata's {@code $string} as its JavaScript reference computes it: {@code JSON.stringify}, with a number that is not
 * whole first rounded to 15 significant digits, and numbers written as JavaScript writes them. com.dashjoin:jsonata
 * rounds whole numbers too and writes an exponent from 1e19 on ({@code $string(1e20)} gave "1e+20" where AWS gives
 * "100000000000000000000"), and pretty-prints an empty object over two lines.
 */
final class JavaScriptJson {
    private JavaScriptJson() {}

    /** {@code $string(value, prettify)}; null (undefined) stays undefined. */
    static String string(Object value, boolean prettify) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        if (isFunction(value)) {
            return "";
        }
        if (value instanceof Number n && !(n instanceof BigInteger) && !Double.isFinite(n.doubleValue())) {
            throw new JsonataFunctionError("D3001", "Attempting to invoke string function on Infinity or NaN");
        }
        StringBuilder out = new StringBuilder();
        write(out, value, prettify ? "\n" : null);
        return out.toString();
    }

    /** {@code newline} is null when compact, else a line break followed by the current indentation. */
    private static void write(StringBuilder out, Object value, String newline) {
        if (value == null || value == Jsonata.NULL_VALUE) {
            out.append("null");
        } else if (value instanceof String s) {
            quote(out, s);
        } else if (value instanceof Boolean b) {
            out.append(b);
        } else if (value instanceof Number n) {
            out.append(number(n));
        } else if (isFunction(value)) {
            out.append("\"\"");
        } else if (value instanceof Map<?, ?> map) {
            writeMembers(out, map.entrySet(), '{', '}', newline);
        } else if (value instanceof Iterable<?> items) {
            writeMembers(out, items, '[', ']', newline);
        } else {
            quote(out, value.toString());
        }
    }

    private static void writeMembers(StringBuilder out, Iterable<?> members, char open, char close, String newline) {
        String inner = newline == null ? null : newline + "  ";
        out.append(open);
        boolean empty = true;
        for (Object member : members) {
            Object value = member instanceof Map.Entry<?, ?> e ? e.getValue() : member;
            if (value == null && member instanceof Map.Entry<?, ?>) {
                continue; // an undefined member is left out, as JSON.stringify leaves it out
            }
            out.append(empty ? "" : ",").append(inner == null ? "" : inner);
            if (member instanceof Map.Entry<?, ?> e) {
                quote(out, String.valueOf(e.getKey()));
                out.append(inner == null ? ":" : ": ");
            }
            write(out, value, inner);
            empty = false;
        }
        out.append(empty || newline == null ? "" : newline).append(close);
    }

    private static boolean isFunction(Object value) {
        return value instanceof Jsonata.JFunction
                || value instanceof Jsonata.JLambda
                || value instanceof Pattern
                || JsonataAst.isSymbol(value); // a lambda the library keeps as its parsed form
    }

    /** {@code text} as a JSON string literal, as the reference quotes a value in its messages. */
    static String quoted(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        quote(out, text);
        return out.toString();
    }

    /** As JSON.stringify quotes: the two escapes JSON needs, short ones where JSON has them, \\u for the rest. */
    private static void quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    boolean lone = Character.isHighSurrogate(c)
                                    && (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1)))
                            || Character.isLowSurrogate(c)
                                    && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
                    if (c < 0x20 || lone) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A number as {@code $string} writes it: whole ones as they are, others rounded to 15 significant digits. */
    static String number(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof BigInteger) {
            return n.toString(); // whole numbers the engine holds exactly stay exact
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
            return "null"; // what JSON.stringify writes for them inside a structure
        }
        if (d != Math.rint(d)) {
            d = new BigDecimal(d)
                    .round(new MathContext(15, RoundingMode.HALF_UP))
                    .doubleValue();
        }
        return javaScript(d);
    }

    /**
     * JavaScript's Number.prototype.toString(): the shortest digits that read back as the same double (Java's own
     * {@link Double#toString} finds them, but never fewer than two), written without an exponent from 1e-6 up to
     * 1e21.
     */
    static String javaScript(double d) {
        if (d == 0) {
            return "0"; // -0 too
        }
        BigDecimal exact = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        BigDecimal oneDigit = exact.round(new MathContext(1, RoundingMode.HALF_EVEN));
        if (oneDigit.doubleValue() == Math.abs(d)) {
            exact = oneDigit.stripTrailingZeros(); // Java writes two digits where one reads back (4.9e-324, not 5e-324)
        }
        String digits = exact.unscaledValue().toString();
        int k = digits.length();
        int n = k - exact.scale(); // the value is 0.digits x 10^n
        StringBuilder out = new StringBuilder(d < 0 ? "-" : "");
        if (k <= n && n <= 21) {
            out.append(digits).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            out.append('e').append(n - 1 < 0 ? '-' : '+').append(Math.abs(n - 1));
        }
        return out.toString();
    }
}
