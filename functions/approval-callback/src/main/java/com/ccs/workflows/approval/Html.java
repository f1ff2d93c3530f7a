package com.ccs.workflows.approval;

/**
 * HTML text escaping for the pages. Every value that comes from a request or from the stored approval goes through
 * {@link #esc} before it is placed in a page, in text and in (double-quoted) attributes alike.
 */
final class Html {
    private Html() {}

    static String esc(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code <tag class="...">escaped text</tag>}. */
    static String text(String tag, String cssClass, String value) {
        return open(tag, cssClass) + esc(value) + "</" + tag + ">";
    }

    /** {@code <tag class="...">html</tag>}, for content that is HTML already. */
    static String wrap(String tag, String cssClass, String html) {
        return open(tag, cssClass) + html + "</" + tag + ">";
    }

    private static String open(String tag, String cssClass) {
        return cssClass == null ? "<" + tag + ">" : "<" + tag + " class=\"" + cssClass + "\">";
    }
}
