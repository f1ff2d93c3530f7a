package com.ccs.workflows.approval;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code APPROVAL_LANGUAGE} setting (template parameter {@code ApprovalLanguage}): {@code es-CO} (the default,
 * also when unset) or {@code en} fix the language of every message and page; {@code auto} lets each page follow the
 * browser's {@code Accept-Language} (its first Spanish or English range by preference), falling back to es-CO when
 * the browser asks for neither. Messages have no browser to ask: under {@code auto} they are in es-CO.
 *
 * <p>A fixed language wins over the browser on purpose: the company chooses the language of its managers, and the
 * page then says what the message said, in the same words.
 *
 * @param fixed the language of everything, or empty for {@code auto}
 */
public record LanguageSetting(Optional<ApprovalLanguage> fixed) {
    public static final String VARIABLE = "APPROVAL_LANGUAGE";
    public static final String AUTO = "auto";
    public static final ApprovalLanguage FALLBACK = ApprovalLanguage.ES_CO;
    /** An {@code Accept-Language} longer than this is not read (browsers send a few dozen characters). */
    static final int MAX_HEADER = 512;

    public static LanguageSetting of(ApprovalLanguage language) {
        return new LanguageSetting(Optional.of(language));
    }

    public static LanguageSetting auto() {
        return new LanguageSetting(Optional.empty());
    }

    /** Reads {@code value} ({@code es-CO}, {@code en} or {@code auto}; null or blank means es-CO). */
    public static LanguageSetting parse(String value) {
        if (value == null || value.isBlank()) {
            return of(FALLBACK);
        }
        String setting = value.strip();
        if (AUTO.equals(setting)) {
            return auto();
        }
        return ApprovalLanguage.fromTag(setting)
                .map(LanguageSetting::of)
                .orElseThrow(() -> new IllegalStateException(VARIABLE + " must be es-CO, en or auto, got " + setting));
    }

    /** The language of the manager's messages. */
    public ApprovalLanguage forMessages() {
        return fixed.orElse(FALLBACK);
    }

    /** The language of a page answering a request with this {@code Accept-Language} header (may be null). */
    public ApprovalLanguage forPage(String acceptLanguage) {
        return fixed.or(() -> fromBrowser(acceptLanguage)).orElse(FALLBACK);
    }

    /** The first range of the header, by preference, that names Spanish or English; a malformed header names none. */
    static Optional<ApprovalLanguage> fromBrowser(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank() || acceptLanguage.length() > MAX_HEADER) {
            return Optional.empty();
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage);
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
        for (Locale.LanguageRange range : ranges) {
            if (range.getWeight() > 0) {
                Optional<ApprovalLanguage> language =
                        ApprovalLanguage.ofPrimary(range.getRange().split("-", 2)[0]);
                if (language.isPresent()) {
                    return language;
                }
            }
        }
        return Optional.empty();
    }
}
