package com.ccs.workflows.localrunner.paths.intrinsics;

import com.ccs.workflows.localrunner.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** Recursive-descent parser for intrinsic function text; results are cached (definitions are static). */
public final class IntrinsicParser {
    private static final ConcurrentHashMap<String, IntrinsicExpr.Call> CACHE = new ConcurrentHashMap<>();
    private final String text;
    private int pos;

    private IntrinsicParser(String text) {
        this.text = text;
    }

    public static boolean looksLikeCall(String text) {
        return text.startsWith("States.") && text.contains("(");
    }

    public static IntrinsicExpr.Call parse(String text) {
        return CACHE.computeIfAbsent(text, t -> {
            IntrinsicParser p = new IntrinsicParser(t);
            p.skipSpaces();
            IntrinsicExpr.Call call = p.call();
            p.skipSpaces();
            if (p.pos != t.length()) {
                throw p.error("unexpected text after the function call");
            }
            return call;
        });
    }

    private IntrinsicExpr.Call call() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        String name = text.substring(start, pos);
        if (!name.startsWith("States.")) {
            throw error("expected a States.* function");
        }
        skipSpaces();
        expect('(');
        List<IntrinsicExpr> args = new ArrayList<>();
        skipSpaces();
        if (peek() != ')') {
            while (true) {
                skipSpaces();
                args.add(argument());
                skipSpaces();
                if (peek() == ',') {
                    pos++;
                    continue;
                }
                break;
            }
        }
        expect(')');
        return new IntrinsicExpr.Call(name, List.copyOf(args));
    }

    private IntrinsicExpr argument() {
        char c = peek();
        if (c == '\'') {
            return new IntrinsicExpr.Literal(Json.text(string()));
        }
        if (c == '$') {
            return new IntrinsicExpr.Reference(path());
        }
        if (text.startsWith("States.", pos)) {
            return call();
        }
        if (c == '-' || Character.isDigit(c)) {
            int start = pos;
            pos++;
            while (pos < text.length()
                    && (Character.isDigit(text.charAt(pos)) || "eE.+-".indexOf(text.charAt(pos)) >= 0)) {
                pos++;
            }
            String number = text.substring(start, pos);
            BigDecimal value = new BigDecimal(number);
            return new IntrinsicExpr.Literal(
                    number.contains(".") || number.contains("e") || number.contains("E")
                            ? Json.NODES.numberNode(value.doubleValue())
                            : Json.number(value.doubleValue()));
        }
        for (String word : List.of("true", "false", "null")) {
            if (text.startsWith(word, pos)) {
                pos += word.length();
                return new IntrinsicExpr.Literal(Json.parse(word));
            }
        }
        throw error("unexpected argument");
    }

    private String string() {
        expect('\'');
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '\\' && pos < text.length()) {
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case '{' -> sb.append(IntrinsicFunctions.ESCAPED_OPEN);
                    case '}' -> sb.append(IntrinsicFunctions.ESCAPED_CLOSE);
                    default -> sb.append(e);
                }
            } else if (c == '\'') {
                return sb.toString();
            } else {
                sb.append(c);
            }
        }
        throw error("unterminated string literal");
    }

    /** A path runs to the next top-level ',' or ')', skipping brackets and quoted text inside filters. */
    private String path() {
        int start = pos;
        int depth = 0;
        char quote = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(') {
                depth++;
            } else if (c == ']' || (c == ')' && depth > 0)) {
                depth--;
            } else if (depth == 0 && (c == ',' || c == ')')) {
                break;
            }
            pos++;
        }
        return text.substring(start, pos).trim();
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("Invalid intrinsic function '" + text + "': " + what + " at " + pos);
    }
}
