package com.ccs.workflows.testing;

import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds in captured log text what the functions must never log. Always: Stripe secret and restricted keys, AWS
 * access key ids and secret keys (by shape, and the values of this process's own {@code AWS_SECRET_ACCESS_KEY} and
 * {@code AWS_SESSION_TOKEN}), full card numbers (13 to 19 digits starting 2-6, the payment card ranges, passing
 * Luhn), E.164-style phone numbers ({@code +} and 10 to 15 digits). Given with {@link #secret}: the secrets a test
 * uses (the Stripe key, the link signing secret, a task token), verbatim or URL- or JSON-encoded.
 *
 * <p>Given with {@link #event}, from the event's fields:
 * <ul>
 *   <li>document numbers ({@code document_id}, {@code document_number}, {@code tax_id}, {@code nit} shaped like
 *   one, digits with dots, hyphens or spaces or a passport's letters and digits, with 6 to 20 digits; fewer identify
 *   no one and collide with ordinary ids such as {@code VEH-12345}): the value verbatim,
 *   its digits in any grouping (all but one of them are enough: a NIT without its check digit is still the NIT),
 *   any digit run exactly as long as it, and a masked form showing more than
 *   {@value #MAX_VISIBLE_DIGITS} of its digits;</li>
 *   <li>phone numbers (fields whose name holds {@code phone} or {@code mobile}): their last seven digits in any
 *   grouping;</li>
 *   <li>task tokens (fields whose name holds {@code token}) and approval link signatures ({@code sig}: with the
 *   link's other parameters it decides the approval), 16 characters or more, as secrets;</li>
 *   <li>e-mail addresses of customer contact fields (names holding {@code email} or {@code contact}). An approver's
 *   address is not one of them: the manager deciding is staff, and who decided is the audit record the approval
 *   functions log on purpose.</li>
 * </ul>
 * Request ids (UUIDs) and ARNs are left out of the digit rules: an account id is not a document number.
 */
public final class LogScan {
    /** The most digits of a document number a masked form may show (e.g. the last four). */
    public static final int MAX_VISIBLE_DIGITS = 4;

    private static final int MIN_SECRET_CHARS = 8;
    private static final int MIN_TOKEN_CHARS = 16;
    private static final int MAX_REPORTED = 20;

    private static final Pattern STRIPE_KEY =
            Pattern.compile("(?<![A-Za-z0-9_])(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{6,}|whsec_[A-Za-z0-9]{16,})");
    private static final Pattern AWS_KEY_ID = Pattern.compile("(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])");
    private static final Pattern AWS_SECRET_ASSIGNED =
            Pattern.compile("(?i)aws_?secret_?access_?key\\W{1,4}[A-Za-z0-9/+=]{16,}");
    private static final Pattern AWS_SECRET_SHAPE =
            Pattern.compile("(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])");
    private static final Pattern CARD = Pattern.compile("(?<![0-9])[2-6][0-9]{12,18}(?![0-9])");
    private static final Pattern GROUPED_CARD =
            Pattern.compile("(?<![0-9])[2-6][0-9]{3}([ -])[0-9]{4}\\1[0-9]{4}\\1[0-9]{1,7}(?![0-9])");
    private static final Pattern PHONE = Pattern.compile("(?<![\\w+])\\+[1-9](?:[ -]?[0-9]){9,14}(?![0-9])");
    /** What a document number looks like: digits with dots, hyphens or spaces (NIT, cedula), or a passport number. */
    private static final Pattern DOCUMENT_SHAPE = Pattern.compile("[0-9][0-9 .-]{4,30}[0-9]");

    private static final Pattern PASSPORT_SHAPE = Pattern.compile("[A-Za-z0-9]{6,20}");
    private static final Pattern DIGIT_RUN = Pattern.compile("(?<![0-9])[0-9]+(?![0-9])");
    /** What may stand between groups of digits of one number, as numbers are written: 900.123.456-8, 300 123 4567. */
    private static final String SEPARATORS = ".- /()";
    /** Whole runs of letters, digits and asterisks (possessive: a long run is read once, never backtracked). */
    private static final Pattern MASKED = Pattern.compile("(?<![A-Za-z0-9*])[A-Za-z0-9*]++");

    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:[^\\s,;}\"'=]*");

    /** One thing found: its kind, the line (from 1) and the line around it, the value itself replaced by its kind. */
    public record Finding(String kind, int line, String excerpt) {
        @Override
        public String toString() {
            return "line " + line + ": " + kind + ": " + excerpt;
        }
    }

    private record Document(String value, String alphanumeric, String digits) {}

    private final Map<String, String> secrets;
    private final List<Document> documents;
    private final List<String> phones;
    private final List<String> emails;

    private LogScan(Map<String, String> secrets, List<Document> documents, List<String> phones, List<String> emails) {
        this.secrets = secrets;
        this.documents = documents;
        this.phones = phones;
        this.emails = emails;
    }

    /** The always-on rules, plus this process's own AWS credentials when it has any. */
    public static LogScan create() {
        LogScan scan = new LogScan(new LinkedHashMap<>(), List.of(), List.of(), List.of());
        return scan.secret("AWS secret access key of this process", System.getenv("AWS_SECRET_ACCESS_KEY"))
                .secret("AWS session token of this process", System.getenv("AWS_SESSION_TOKEN"));
    }

    /** A copy that also looks for {@code value} (ignored when null or shorter than 8 characters, too common to tell). */
    public LogScan secret(String what, String value) {
        if (value == null || value.strip().length() < MIN_SECRET_CHARS) {
            return this;
        }
        Map<String, String> more = new LinkedHashMap<>(secrets);
        String plain = value.strip();
        more.putIfAbsent(plain, what);
        more.putIfAbsent(URLEncoder.encode(plain, StandardCharsets.UTF_8), what + " (URL-encoded)");
        more.putIfAbsent(
                plain.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/"), what + " (JSON-escaped)");
        return new LogScan(more, documents, phones, emails);
    }

    /**
     * A copy that also looks for the personal data, task tokens and link signatures of {@code event} (maps and
     * lists, as Lambda passes them; anything else adds nothing).
     */
    public LogScan event(Object event) {
        List<Document> docs = new ArrayList<>(documents);
        List<String> phoneDigits = new ArrayList<>(phones);
        List<String> mails = new ArrayList<>(emails);
        Map<String, String> tokens = new LinkedHashMap<>();
        fields(event, 0, (name, value) -> {
            String key = name.toLowerCase(Locale.ROOT);
            String text = text(value);
            if (text == null || text.isEmpty()) {
                return;
            }
            if (key.equals("document_id")
                    || key.equals("document_number")
                    || key.equals("tax_id")
                    || key.equals("nit")) {
                document(text).ifPresent(docs::add);
            } else if (key.contains("phone") || key.contains("mobile")) {
                String digits = text.replaceAll("[^0-9]", "");
                if (digits.length() >= 7 && text.length() <= 40) {
                    phoneDigits.add(digits.substring(digits.length() - 7));
                }
            } else if ((key.contains("email") || key.contains("contact"))
                    && text.contains("@")
                    && text.length() <= 254) {
                mails.add(text.toLowerCase(Locale.ROOT));
            } else if (key.contains("token") && text.length() >= MIN_TOKEN_CHARS) {
                tokens.put(text, "task token");
            } else if ((key.equals("sig") || key.contains("signature")) && text.length() >= MIN_TOKEN_CHARS) {
                tokens.put(text, "link signature");
            }
        });
        LogScan scan = new LogScan(secrets, List.copyOf(docs), List.copyOf(phoneDigits), List.copyOf(mails));
        for (Map.Entry<String, String> token : tokens.entrySet()) {
            scan = scan.secret(token.getValue(), token.getKey());
        }
        return scan;
    }

    /** Everything found in {@code text}, in rule order. */
    public List<Finding> findings(String text) {
        List<Span> found = new ArrayList<>();
        secrets.forEach((value, what) -> {
            for (int at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
                found.add(new Span(at, at + value.length(), what));
            }
        });
        matches(text, STRIPE_KEY, "Stripe secret or restricted key", found);
        matches(text, AWS_KEY_ID, "AWS access key id", found);
        matches(text, AWS_SECRET_ASSIGNED, "AWS secret access key", found);
        Matcher shape = AWS_SECRET_SHAPE.matcher(text);
        while (shape.find()) {
            String s = shape.group();
            if (s.chars().anyMatch(Character::isUpperCase)
                    && s.chars().anyMatch(Character::isLowerCase)
                    && s.chars().anyMatch(Character::isDigit)
                    && !s.matches("[0-9a-fA-F]+")) {
                found.add(new Span(
                        shape.start(), shape.end(), "secret-looking value (40 characters like an AWS secret key)"));
            }
        }
        String lower = emails.isEmpty() ? text : text.toLowerCase(Locale.ROOT);
        for (String email : emails) {
            for (int at = lower.indexOf(email); at >= 0; at = lower.indexOf(email, at + 1)) {
                found.add(new Span(at, at + email.length(), "e-mail address of a contact field"));
            }
        }
        // The digit rules read a copy with request ids and ARNs blanked out, same length, so positions still match.
        String scrubbed = blank(blank(text, UUID), ARN);
        cards(scrubbed, found);
        matches(scrubbed, PHONE, "phone number", found);
        List<Written> numbers = documents.isEmpty() && phones.isEmpty() ? List.of() : numbers(scrubbed);
        for (String phone : phones) {
            numbers.stream()
                    .filter(number -> number.digits().contains(phone))
                    .forEach(number -> found.add(new Span(number.start(), number.end(), "phone number of the event")));
        }
        for (Document doc : documents) {
            documentFindings(text, scrubbed, numbers, doc, found);
        }
        return found.stream().distinct().map(span -> finding(text, span, found)).toList();
    }

    /** Fails listing the findings (at most 20, each clipped) when there are any. */
    public void assertClean(String text) {
        List<Finding> found = findings(text);
        if (!found.isEmpty()) {
            throw new AssertionError(describe(found));
        }
    }

    public static String describe(List<Finding> found) {
        List<String> lines =
                found.stream().limit(MAX_REPORTED).map(Finding::toString).toList();
        return found.size() + " finding(s) in the logs:\n  " + String.join("\n  ", lines)
                + (found.size() > MAX_REPORTED ? "\n  ..." : "");
    }

    /** Where something was found: {@code [start, end)} of the text. */
    private record Span(int start, int end, String kind) {}

    private static void documentFindings(
            String text, String scrubbed, List<Written> numbers, Document doc, List<Span> found) {
        for (int at = text.indexOf(doc.value()); at >= 0; at = text.indexOf(doc.value(), at + 1)) {
            found.add(new Span(at, at + doc.value().length(), "document number"));
        }
        String digits = doc.digits();
        int n = digits.length();
        String head = digits.substring(0, n - 1);
        String tail = digits.substring(1);
        numbers.stream()
                .filter(number ->
                        number.digits().contains(head) || number.digits().contains(tail))
                .forEach(number -> found.add(new Span(number.start(), number.end(), "digits of the document number")));
        Matcher run = DIGIT_RUN.matcher(scrubbed);
        while (run.find()) {
            if (run.end() - run.start() == n) {
                found.add(new Span(run.start(), run.end(), "digit run as long as the document number (" + n + ")"));
            }
        }
        Matcher masked = MASKED.matcher(scrubbed);
        while (masked.find()) {
            if (masked.end() - masked.start() != doc.alphanumeric().length()
                    || masked.group().indexOf('*') < 0) {
                continue;
            }
            String token = masked.group().toUpperCase(Locale.ROOT);
            int shown = 0;
            for (int i = 0; i < token.length(); i++) {
                if (Character.isDigit(token.charAt(i))
                        && token.charAt(i) == doc.alphanumeric().charAt(i)) {
                    shown++;
                }
            }
            if (shown > MAX_VISIBLE_DIGITS) {
                found.add(new Span(
                        masked.start(), masked.end(), "masked document number showing " + shown + " of its digits"));
            }
        }
    }

    private static void cards(String text, List<Span> found) {
        for (Pattern pattern : List.of(CARD, GROUPED_CARD)) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                if (luhn(m.group().replaceAll("[^0-9]", ""))) {
                    found.add(new Span(m.start(), m.end(), "card number"));
                }
            }
        }
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** A number as written in the text, {@code [start, end)}, and its digits without separators. */
    private record Written(int start, int end, String digits) {}

    /** Every run of digits with single separators between its groups; a loop, not a regex, so huge runs cannot overflow. */
    private static List<Written> numbers(String text) {
        List<Written> numbers = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (!digit(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            int end = i;
            StringBuilder digits = new StringBuilder();
            while (i < text.length()) {
                char c = text.charAt(i);
                if (digit(c)) {
                    digits.append(c);
                    end = ++i;
                } else if (SEPARATORS.indexOf(c) >= 0 && i + 1 < text.length() && digit(text.charAt(i + 1))) {
                    i++;
                } else {
                    break;
                }
            }
            numbers.add(new Written(start, end, digits.toString()));
        }
        return numbers;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static void matches(String text, Pattern pattern, String kind, List<Span> found) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(new Span(m.start(), m.end(), kind));
        }
    }

    /** {@code text} with each match of {@code pattern} replaced by as many {@code #}: no digit, no letter, same length. */
    private static String blank(String text, Pattern pattern) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start()).append("#".repeat(m.end() - m.start()));
            last = m.end();
        }
        return out.append(text, last, text.length()).toString();
    }

    /**
     * The finding of {@code span}: its line number and up to 80 characters either side on its line, every found
     * value in that window replaced by its kind and length, so a report never repeats what it reports.
     */
    private static Finding finding(String text, Span span, List<Span> all) {
        int line = 1;
        for (int i = text.indexOf('\n'); i >= 0 && i < span.start(); i = text.indexOf('\n', i + 1)) {
            line++;
        }
        int from = Math.max(text.lastIndexOf('\n', span.start() - 1) + 1, span.start() - 80);
        int lineEnd = text.indexOf('\n', span.end());
        int to = Math.min(lineEnd < 0 ? text.length() : lineEnd, span.end() + 80);
        List<Span> shown = all.stream()
                .filter(s -> s.end() > from && s.start() < to)
                .sorted(Comparator.comparingInt(Span::start).thenComparingInt(s -> s == span ? 0 : 1))
                .toList();
        StringBuilder excerpt = new StringBuilder();
        int at = from;
        for (Span s : shown) {
            if (s.end() <= at) {
                continue;
            }
            int start = Math.max(s.start(), at);
            excerpt.append(clip(text.substring(at, start)))
                    .append('[')
                    .append(s.kind())
                    .append(", ")
                    .append(s.end() - s.start())
                    .append(" chars]");
            at = s.end();
        }
        if (at < to) {
            excerpt.append(clip(text.substring(at, to)));
        }
        return new Finding(span.kind(), line, excerpt.toString());
    }

    private static String clip(String s) {
        String escaped = HostileEvents.escape(s, 80);
        return escaped.substring(1, escaped.length() - 1);
    }

    /** A string or an integer as text; other values (decimals, booleans, containers) carry no document or phone number. */
    private static String text(Object value) {
        if (value instanceof String s) {
            return s.strip();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            return value.toString();
        }
        return null;
    }

    private static Optional<Document> document(String text) {
        if (!DOCUMENT_SHAPE.matcher(text).matches()
                && !PASSPORT_SHAPE.matcher(text).matches()) {
            return Optional.empty(); // no document number looks like this (e.g. CONT-2026-000001)
        }
        String digits = text.replaceAll("[^0-9]", "");
        if (digits.length() < 6 || digits.length() > 20) {
            return Optional.empty();
        }
        StringBuilder alphanumeric = new StringBuilder();
        text.codePoints().filter(Character::isLetterOrDigit).forEach(alphanumeric::appendCodePoint);
        return Optional.of(new Document(text, alphanumeric.toString().toUpperCase(Locale.ROOT), digits));
    }

    private static void fields(Object node, int depth, BiConsumer<String, Object> visit) {
        if (depth > 600) {
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                visit.accept(String.valueOf(k), v);
                fields(v, depth + 1, visit);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> fields(item, depth + 1, visit));
        }
    }
}
