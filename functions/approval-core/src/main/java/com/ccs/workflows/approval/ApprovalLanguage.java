package com.ccs.workflows.approval;

import java.util.Locale;
import java.util.Optional;

/** The languages the manager's messages and the decision pages are written in. */
public enum ApprovalLanguage {
    ES_CO("es-CO"),
    EN("en");

    private final String tag;
    private final Locale locale;

    ApprovalLanguage(String tag) {
        this.tag = tag;
        this.locale = Locale.forLanguageTag(tag);
    }

    /** The BCP 47 tag: the value of {@code APPROVAL_LANGUAGE}, the page's {@code lang}. */
    public String tag() {
        return tag;
    }

    public Locale locale() {
        return locale;
    }

    /** The language of {@code tag} exactly as the template spells it ({@code es-CO}, {@code en}). */
    public static Optional<ApprovalLanguage> fromTag(String tag) {
        for (ApprovalLanguage language : values()) {
            if (language.tag.equals(tag)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    /** The language a browser's language range asks for: any Spanish is es-CO, any English en. */
    static Optional<ApprovalLanguage> ofPrimary(String primary) {
        return switch (primary.toLowerCase(Locale.ROOT)) {
            case "es" -> Optional.of(ES_CO);
            case "en" -> Optional.of(EN);
            default -> Optional.empty();
        };
    }
}
