package com.ccs.workflows.localrunner.jsonata;

import com.dashjoin.jsonata.Jsonata;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Reads (and, for regular expression literals, rewrites) the parsed form com.dashjoin:jsonata keeps of an
 * expression: its nodes are {@code Parser.Symbol}s, the same shape as the JavaScript reference's syntax tree, with
 * package-private fields.
 */
final class JsonataAst {
    private JsonataAst() {}

    static final Class<?> SYMBOL = symbolClass();
    static final Field TYPE = field(SYMBOL, "type");
    static final Field VALUE = field(SYMBOL, "value");

    /** The fields that can hold the sub-expressions of a parsed expression, or a literal's value. */
    static final List<Field> SYMBOL_FIELDS = symbolFields();

    private static final Field AST = field(Jsonata.class, "ast");

    /** The root node of a compiled expression. */
    static Object root(Jsonata jsonata) {
        return read(AST, jsonata);
    }

    /** Every node of a compiled expression, each once. */
    static List<Object> symbols(Jsonata jsonata) {
        List<Object> symbols = new ArrayList<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> todo = new ArrayDeque<>();
        todo.push(root(jsonata));
        while (!todo.isEmpty()) {
            Object node = todo.pop();
            if (!seen.add(node)) {
                continue;
            }
            if (node instanceof Iterable<?> items) {
                items.forEach(item -> pushUnlessNull(todo, item));
            } else if (node instanceof Object[] items) {
                Arrays.asList(items).forEach(item -> pushUnlessNull(todo, item));
            } else if (isSymbol(node)) {
                symbols.add(node);
                for (Field f : SYMBOL_FIELDS) {
                    Object value = read(f, node);
                    if (isSymbol(value) || value instanceof Iterable<?> || value instanceof Object[]) {
                        todo.push(value);
                    }
                }
            }
        }
        return symbols;
    }

    private static void pushUnlessNull(Deque<Object> todo, Object item) {
        if (item != null) {
            todo.push(item);
        }
    }

    static boolean isSymbol(Object node) {
        return SYMBOL.isInstance(node);
    }

    /** A node's type ("path", "name", "binary", "function", ...). */
    static String type(Object node) {
        return (String) read(TYPE, node);
    }

    static Field field(Class<?> owner, String name) {
        try {
            Field f = owner.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("com.dashjoin:jsonata without " + owner.getName() + "." + name, e);
        }
    }

    static Object read(Field f, Object owner) {
        try {
            return f.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    static void write(Field f, Object owner, Object value) {
        try {
            f.set(owner, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> symbolClass() {
        try {
            return Class.forName("com.dashjoin.jsonata.Parser$Symbol");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("com.dashjoin:jsonata without Parser.Symbol: check its version", e);
        }
    }

    private static List<Field> symbolFields() {
        List<Field> fields = new ArrayList<>();
        for (Field f : SYMBOL.getDeclaredFields()) {
            Class<?> type = f.getType();
            boolean holdsExpressions = type == SYMBOL || type == Object.class || Iterable.class.isAssignableFrom(type);
            if (!Modifier.isStatic(f.getModifiers())
                    && holdsExpressions
                    && !f.getName().startsWith("this$")) {
                f.setAccessible(true);
                fields.add(f);
            }
        }
        return List.copyOf(fields);
    }
}
