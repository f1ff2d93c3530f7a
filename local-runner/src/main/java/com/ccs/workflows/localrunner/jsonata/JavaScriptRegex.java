package com.ccs.workflows.localrunner.jsonata;

import com.dashjoin.jsonata.Jsonata;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Gives a compiled expression's regular expression literals the meaning they have on AWS, where JSONata runs on
 * JavaScript. com.dashjoin:jsonata hands a literal's text to {@link Pattern} unchanged, and then these differ:
 *
 * <ul>
 *   <li>{@code $} without the {@code m} flag: JavaScript matches only at the very end, Java also before a final line
 *       break, so {@code /^[0-9]+$/} would accept {@code "42\n"} here and reject it on AWS. It becomes {@code \z}.
 *   <li>{@code i}: JavaScript folds the case of any letter ({@code /josé/i} matches {@code "JOSÉ"}), Java only ASCII
 *       unless {@link Pattern#UNICODE_CASE} is set.
 *   <li>Classes: {@code [^]} (any character) and {@code []} (none) are valid in JavaScript and a syntax error in
 *       Java; inside a class, {@code &&} is two characters in JavaScript and an intersection in Java, and {@code [}
 *       is a character in JavaScript and opens a nested class in Java ({@code /[a[b]]/} is a, [ or b, then ]).
 * </ul>
 *
 * The literals are found in the parsed expression rather than in its text, where a {@code /} may as well divide.
 */
final class JavaScriptRegex {
    private JavaScriptRegex() {}

    /**
     * Parses an expression with its literals read as JavaScript reads them. A literal Java cannot compile ({@code [^]},
     * {@code [[]]}) is replaced in the text by a placeholder both accept, and swapped back as its Java equivalent once
     * parsed: rewritten in the text, an escaped bracket would upset the parser's count of brackets that finds the
     * literal's closing slash.
     */
    static Jsonata parse(String expression) {
        Jsonata jsonata = parse(expression, List.of());
        if (jsonata == null) {
            // a placeholder left in place would match everywhere: better no expression than a wrong one
            throw new IllegalStateException("a regular expression of " + expression + " was not found"
                    + " in its parsed form; check the com.dashjoin:jsonata version");
        }
        return jsonata;
    }

    /** The parsed expression, or null when a placeholder stands in a string rather than in a literal's place. */
    private static Jsonata parse(String text, List<String> refused) {
        try {
            Jsonata jsonata = Jsonata.jsonata(text);
            return adopt(jsonata, refused) == refused.size() ? jsonata : null;
        } catch (PatternSyntaxException e) {
            String literal = "/" + e.getPattern() + "/";
            if (!text.contains(literal) || !compiles(rewrite(e.getPattern(), true))) {
                throw e; // not one of the differences: Java and JavaScript both refuse it
            }
            List<String> more = new ArrayList<>(refused);
            more.add(e.getPattern());
            String placeholder = "/" + placeholder(refused.size()) + "/";
            // the literal's text may also stand in a string before it ('/[[]]/' & /[[]]/): each place is tried in turn
            for (int at = text.indexOf(literal); at >= 0; at = text.indexOf(literal, at + 1)) {
                Jsonata jsonata =
                        parse(text.substring(0, at) + placeholder + text.substring(at + literal.length()), more);
                if (jsonata != null) {
                    return jsonata;
                }
            }
            return null;
        }
    }

    private static String placeholder(int index) {
        return "(?<jsLiteral" + index + ">)";
    }

    private static boolean compiles(String javaSource) {
        try {
            Pattern.compile(javaSource);
            return true;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    /**
     * Replaces, in place, each regular expression literal of a freshly compiled expression; returns how many of the
     * placeholders it found.
     */
    private static int adopt(Jsonata jsonata, List<String> refused) {
        Set<String> found = new HashSet<>();
        for (Object node : JsonataAst.symbols(jsonata)) {
            if (!"regex".equals(JsonataAst.type(node))) {
                continue;
            }
            for (Field f : JsonataAst.SYMBOL_FIELDS) {
                if (JsonataAst.read(f, node) instanceof Pattern pattern) {
                    String source = original(pattern, refused);
                    if (!source.equals(pattern.pattern())) {
                        found.add(pattern.pattern());
                    }
                    JsonataAst.write(f, node, toJava(source, pattern.flags()));
                }
            }
        }
        return found.size();
    }

    /** The JavaScript source of a parsed literal: its own text, or the one its placeholder stands for. */
    private static String original(Pattern parsed, List<String> refused) {
        for (int i = 0; i < refused.size(); i++) {
            if (parsed.pattern().equals(placeholder(i))) {
                return refused.get(i);
            }
        }
        return parsed.pattern();
    }

    /** The Java pattern that matches what the JavaScript literal with this text and these flags matches. */
    static Pattern toJava(String source, int flags) {
        if ((flags & Pattern.CASE_INSENSITIVE) != 0) {
            flags |= Pattern.UNICODE_CASE;
        }
        return Pattern.compile(rewrite(source, (flags & Pattern.MULTILINE) != 0), flags);
    }

    static String rewrite(String source, boolean multiline) {
        StringBuilder out = new StringBuilder(source.length() + 8);
        boolean inClass = false;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\\' && i + 1 < source.length()) {
                out.append(c).append(source.charAt(++i));
            } else if (inClass) {
                inClass = c != ']';
                // '&&' is two characters in a JavaScript class and an intersection in a Java one; '[' is a
                // character there and opens a nested class here
                out.append(c == '&' || c == '[' ? "\\" + c : String.valueOf(c));
            } else if (c == '[' && source.startsWith("[^]", i)) {
                out.append("[\\s\\S]");
                i += 2;
            } else if (c == '[' && source.startsWith("[]", i)) {
                out.append("(?!)");
                i += 1;
            } else if (c == '[') {
                inClass = true;
                out.append(c);
            } else if (c == '$' && !multiline) {
                out.append("\\z");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
