package com.ccs.workflows.localrunner.jsonata;

import com.dashjoin.jsonata.Jsonata;
import java.lang.reflect.Field;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The names an expression reads at its top level, where Step Functions gives it no context: {@code phone} in
 * {@code {% phone %}} or {@code {% $count(items) %}}, meant as {@code $states.input.phone}. AWS refuses such a
 * definition ("Reference to 'phone' at the top level is not supported."). A name after a path's first step, in a
 * predicate, a group, a sort or a function body is read against a context and is left alone.
 */
final class TopLevelReferences {
    private TopLevelReferences() {}

    private static final Field STEPS = JsonataAst.field(JsonataAst.SYMBOL, "steps");
    private static final Field LHS = JsonataAst.field(JsonataAst.SYMBOL, "lhs");
    private static final Field RHS = JsonataAst.field(JsonataAst.SYMBOL, "rhs");
    private static final Field EXPRESSION = JsonataAst.field(JsonataAst.SYMBOL, "expression");
    private static final Field EXPRESSIONS = JsonataAst.field(JsonataAst.SYMBOL, "expressions");
    private static final Field OBJECT = JsonataAst.field(JsonataAst.SYMBOL, "lhsObject");
    private static final Field ARGUMENTS = JsonataAst.field(JsonataAst.SYMBOL, "arguments");
    private static final Field CONDITION = JsonataAst.field(JsonataAst.SYMBOL, "condition");
    private static final Field THEN = JsonataAst.field(JsonataAst.SYMBOL, "then");
    private static final Field ELSE = JsonataAst.field(JsonataAst.SYMBOL, "_else");

    /** The distinct names, in the order they appear. */
    static Set<String> of(Jsonata jsonata) {
        Set<String> names = new LinkedHashSet<>();
        visit(JsonataAst.root(jsonata), names);
        return names;
    }

    private static void visit(Object node, Set<String> names) {
        if (!JsonataAst.isSymbol(node)) {
            return;
        }
        switch (JsonataAst.type(node)) {
            case "name" -> names.add(String.valueOf(JsonataAst.read(JsonataAst.VALUE, node)));
            case "path" -> {
                // only the first step reads the (absent) context; the others read what the step before gave
                if (JsonataAst.read(STEPS, node) instanceof List<?> steps && !steps.isEmpty()) {
                    visit(steps.get(0), names);
                }
            }
            case "binary", "apply" -> {
                visit(JsonataAst.read(LHS, node), names);
                visit(JsonataAst.read(RHS, node), names);
            }
            case "bind" -> visit(JsonataAst.read(RHS, node), names); // its left side is the variable
            case "unary" -> {
                visit(JsonataAst.read(EXPRESSION, node), names);
                visitAll(JsonataAst.read(EXPRESSIONS, node), names);
                if (JsonataAst.read(OBJECT, node) instanceof List<?> pairs) {
                    for (Object pair : pairs) {
                        if (pair instanceof Object[] keyAndValue) {
                            for (Object part : keyAndValue) {
                                visit(part, names);
                            }
                        }
                    }
                }
            }
            case "function", "partial" -> visitAll(JsonataAst.read(ARGUMENTS, node), names);
            case "condition" -> {
                visit(JsonataAst.read(CONDITION, node), names);
                visit(JsonataAst.read(THEN, node), names);
                visit(JsonataAst.read(ELSE, node), names);
            }
            case "block" -> visitAll(JsonataAst.read(EXPRESSIONS, node), names);
            default -> {} // literals, variables, regular expressions, function bodies, transforms
        }
    }

    /** Whether the expression reads {@code $states.errorOutput}, which only a catcher's Output and Assign have. */
    static boolean readsErrorOutput(Jsonata jsonata) {
        return JsonataAst.symbols(jsonata).stream().anyMatch(TopLevelReferences::isErrorOutput);
    }

    private static boolean isErrorOutput(Object node) {
        return "path".equals(JsonataAst.type(node))
                && JsonataAst.read(STEPS, node) instanceof List<?> steps
                && steps.size() > 1
                && isStep(steps.get(0), "variable", "states")
                && isStep(steps.get(1), "name", "errorOutput");
    }

    private static boolean isStep(Object step, String type, String value) {
        return JsonataAst.isSymbol(step)
                && type.equals(JsonataAst.type(step))
                && value.equals(JsonataAst.read(JsonataAst.VALUE, step));
    }

    private static void visitAll(Object nodes, Set<String> names) {
        if (nodes instanceof List<?> list) {
            list.forEach(n -> visit(n, names));
        }
    }
}
