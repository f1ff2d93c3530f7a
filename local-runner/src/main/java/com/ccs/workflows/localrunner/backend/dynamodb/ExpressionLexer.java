package com.ccs.workflows.localrunner.backend.dynamodb;

import com.ccs.workflows.localrunner.backend.AwsServiceException;
import java.util.ArrayList;
import java.util.List;

/** Splits a DynamoDB condition, key condition, update or projection expression into tokens. */
final class ExpressionLexer {
    enum Kind {
        NAME,
        PLACEHOLDER_NAME,
        PLACEHOLDER_VALUE,
        NUMBER,
        SYMBOL,
        END
    }

    record Token(Kind kind, String text) {
        boolean is(String symbol) {
            return (kind == Kind.SYMBOL || kind == Kind.NAME) && text.equalsIgnoreCase(symbol);
        }
    }

    private ExpressionLexer() {}

    static List<Token> tokenize(String expression) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < expression.length()) {
            char c = expression.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#' || c == ':' || Character.isLetter(c) || c == '_') {
                int start = i++;
                while (i < expression.length()
                        && (Character.isLetterOrDigit(expression.charAt(i))
                                || expression.charAt(i) == '_'
                                || expression.charAt(i) == '-')) {
                    i++;
                }
                String text = expression.substring(start, i);
                Kind kind = c == '#' ? Kind.PLACEHOLDER_NAME : c == ':' ? Kind.PLACEHOLDER_VALUE : Kind.NAME;
                tokens.add(new Token(kind, text));
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < expression.length() && Character.isDigit(expression.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Kind.NUMBER, expression.substring(start, i)));
            } else if (c == '<' || c == '>') {
                if (i + 1 < expression.length()
                        && (expression.charAt(i + 1) == '=' || (c == '<' && expression.charAt(i + 1) == '>'))) {
                    tokens.add(new Token(Kind.SYMBOL, expression.substring(i, i + 2)));
                    i += 2;
                } else {
                    tokens.add(new Token(Kind.SYMBOL, String.valueOf(c)));
                    i++;
                }
            } else if ("=(),.[]+-".indexOf(c) >= 0) {
                tokens.add(new Token(Kind.SYMBOL, String.valueOf(c)));
                i++;
            } else {
                throw AwsServiceException.validation(
                        "Invalid expression: Syntax error; token: \"" + c + "\", near: \"" + expression + "\"");
            }
        }
        tokens.add(new Token(Kind.END, ""));
        return tokens;
    }
}
