package com.ccs.workflows.approval;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The texts the manager receives (SNS, plain text, as e-mail shows it): the request's facts, the deadline in Bogotá
 * time and the two signed links, in the configured language and with the decision page's formats
 * ({@link ApprovalFormat}, {@link ApprovalText}). Built only from the summary and the links, so the task token
 * cannot end up in a message.
 */
public final class ManagerMessages {
    static final int MAX_SUBJECT = 99;
    /** A message lists this many plates and counts the rest: a fleet of thousands would bury the links. */
    static final int PLATES_SHOWN = 20;

    private final LinkSigner signer;
    private final ApprovalLanguage language;
    private final ApprovalFormat format;

    public ManagerMessages(LinkSigner signer, ApprovalLanguage language) {
        this.signer = signer;
        this.language = language;
        this.format = ApprovalFormat.of(language);
    }

    /** {@code now} is when the message is sent: the deadline says how long is left from then. */
    public ManagerMessage request(Approval approval, Instant now) {
        return new ManagerMessage(
                subject(ApprovalText.SUBJECT_REQUEST, approval),
                body(ApprovalText.INTRO_REQUEST.in(language), approval, now));
    }

    /** The links again after the wait restarted (a new attempt of the task): same request, a later deadline. */
    public ManagerMessage renewal(Approval approval, Instant now) {
        return new ManagerMessage(
                subject(ApprovalText.SUBJECT_RENEWAL, approval),
                body(ApprovalText.INTRO_RENEWAL.in(language), approval, now));
    }

    public ManagerMessage reminder(Approval approval, Instant now) {
        String left = format.timeLeft(Duration.between(now, approval.expiresAt()));
        return new ManagerMessage(
                subject(ApprovalText.SUBJECT_REMINDER, approval),
                body(ApprovalText.INTRO_REMINDER.in(language, left), approval, now));
    }

    private String subject(ApprovalText text, Approval approval) {
        RequestSummary s = approval.summary();
        return subject(text.in(language, s.companyName(), format.vehicles(s.numberOfVehicles())));
    }

    private String body(String intro, Approval approval, Instant now) {
        RequestSummary s = approval.summary();
        List<Map.Entry<ApprovalText, String>> facts = new ArrayList<>();
        facts.add(Map.entry(ApprovalText.COMPANY, s.companyName()));
        facts.add(Map.entry(ApprovalText.CUSTOMER, s.customerId()));
        String document = format.document(s.documentType(), s.documentId());
        if (!document.isEmpty()) {
            facts.add(Map.entry(ApprovalText.DOCUMENT, document));
        }
        facts.add(Map.entry(ApprovalText.VEHICLES, format.count(s.numberOfVehicles())));
        facts.add(Map.entry(ApprovalText.PLATES, format.plates(s.plates(), s.numberOfVehicles(), PLATES_SHOWN)));
        facts.add(Map.entry(ApprovalText.CONTRACT_TYPE, format.contractType(s.contractType())));
        facts.add(Map.entry(ApprovalText.ESTIMATED_VALUE, format.pesos(s.estimatedValue())));
        facts.add(Map.entry(ApprovalText.REQUEST, approval.executionId()));
        if (approval.createdAt() != null) {
            facts.add(Map.entry(ApprovalText.REQUESTED, format.dateTimeInBogota(approval.createdAt())));
        }
        facts.add(Map.entry(ApprovalText.DEADLINE, format.deadline(approval.expiresAt(), now)));
        facts.add(Map.entry(ApprovalText.APPROVAL_ID, approval.approvalId()));

        int width = facts.stream()
                        .mapToInt(f -> f.getKey().in(language).length())
                        .max()
                        .orElse(0)
                + 2;
        StringBuilder body = new StringBuilder(intro).append("\n\n");
        for (Map.Entry<ApprovalText, String> fact : facts) {
            body.append(pad(fact.getKey().in(language) + ":", width))
                    .append(fact.getValue())
                    .append('\n');
        }
        String approve = ApprovalText.APPROVE_LINK.in(language) + ":";
        String reject = ApprovalText.REJECT_LINK.in(language) + ":";
        int linkWidth = Math.max(approve.length(), reject.length()) + 1;
        // Each link alone after a space and before a blank line: mail clients make it clickable whole.
        return body.append('\n')
                .append(pad(approve, linkWidth))
                .append(signer.link(approval, Decision.APPROVE))
                .append("\n\n")
                .append(pad(reject, linkWidth))
                .append(signer.link(approval, Decision.REJECT))
                .append("\n\n")
                .append(ApprovalText.LINKS_NOTE.in(language))
                .append('\n')
                .toString();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(1, width - text.length()));
    }

    /** SNS subjects must be ASCII without line breaks and under 100 characters: strip accents, drop the rest. */
    static String subject(String text) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .replaceAll("[^\\x20-\\x7E]", "")
                .replaceAll("\\s+", " ")
                .strip();
        return ascii.length() <= MAX_SUBJECT ? ascii : ascii.substring(0, MAX_SUBJECT - 3) + "...";
    }
}
