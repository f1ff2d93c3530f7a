package com.ccs.workflows.localrunner.definition;

import java.util.Locale;

/** Every Choice comparison operator (the *Path forms share the constant and set {@code Comparison.operandPath}). */
public enum Comparator {
    STRING_EQUALS(Kind.STRING, Relation.EQ),
    STRING_LESS_THAN(Kind.STRING, Relation.LT),
    STRING_GREATER_THAN(Kind.STRING, Relation.GT),
    STRING_LESS_THAN_EQUALS(Kind.STRING, Relation.LE),
    STRING_GREATER_THAN_EQUALS(Kind.STRING, Relation.GE),
    STRING_MATCHES(Kind.MATCHES, Relation.EQ),
    NUMERIC_EQUALS(Kind.NUMERIC, Relation.EQ),
    NUMERIC_LESS_THAN(Kind.NUMERIC, Relation.LT),
    NUMERIC_GREATER_THAN(Kind.NUMERIC, Relation.GT),
    NUMERIC_LESS_THAN_EQUALS(Kind.NUMERIC, Relation.LE),
    NUMERIC_GREATER_THAN_EQUALS(Kind.NUMERIC, Relation.GE),
    BOOLEAN_EQUALS(Kind.BOOLEAN, Relation.EQ),
    TIMESTAMP_EQUALS(Kind.TIMESTAMP, Relation.EQ),
    TIMESTAMP_LESS_THAN(Kind.TIMESTAMP, Relation.LT),
    TIMESTAMP_GREATER_THAN(Kind.TIMESTAMP, Relation.GT),
    TIMESTAMP_LESS_THAN_EQUALS(Kind.TIMESTAMP, Relation.LE),
    TIMESTAMP_GREATER_THAN_EQUALS(Kind.TIMESTAMP, Relation.GE),
    IS_NULL(Kind.TYPE_TEST, Relation.EQ),
    IS_PRESENT(Kind.TYPE_TEST, Relation.EQ),
    IS_NUMERIC(Kind.TYPE_TEST, Relation.EQ),
    IS_STRING(Kind.TYPE_TEST, Relation.EQ),
    IS_BOOLEAN(Kind.TYPE_TEST, Relation.EQ),
    IS_TIMESTAMP(Kind.TYPE_TEST, Relation.EQ);

    public enum Kind {
        STRING,
        MATCHES,
        NUMERIC,
        BOOLEAN,
        TIMESTAMP,
        TYPE_TEST
    }

    public enum Relation {
        EQ,
        LT,
        GT,
        LE,
        GE
    }

    private final Kind kind;
    private final Relation relation;

    Comparator(Kind kind, Relation relation) {
        this.kind = kind;
        this.relation = relation;
    }

    public Kind kind() {
        return kind;
    }

    public Relation relation() {
        return relation;
    }

    /** Whether the ASL allows a {@code ...Path} form of this operator. */
    public boolean hasPathForm() {
        return kind != Kind.TYPE_TEST && kind != Kind.MATCHES;
    }

    /** The ASL field name, e.g. {@code NumericLessThanEquals}. */
    public String fieldName() {
        StringBuilder sb = new StringBuilder();
        for (String part : name().split("_")) {
            sb.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return sb.toString();
    }

    /** The operator named by an ASL field ({@code StringEquals} or {@code StringEqualsPath}), or null. */
    public static Comparator byField(String field) {
        String base = field.endsWith("Path") ? field.substring(0, field.length() - 4) : field;
        for (Comparator c : values()) {
            if (c.fieldName().equals(base) && (base.equals(field) || c.hasPathForm())) {
                return c;
            }
        }
        return null;
    }
}
