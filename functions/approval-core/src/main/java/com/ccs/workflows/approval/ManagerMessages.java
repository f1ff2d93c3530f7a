package com.ccs.workflows.approval;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The texts the manager receives: the request summary, the deadline and the two signed links. Built only from
 * the summary and the links, so the task token cannot end up in a message.
 */
public final class ManagerMessages {
    private static final DateTimeFormatter DEADLINE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    static final int MAX_SUBJECT = 99;

    private final LinkSigner signer;

    public ManagerMessages(LinkSigner signer) {
        this.signer = signer;
    }

    public ManagerMessage request(Approval approval) {
        RequestSummary s = approval.summary();
        String subject = "Approval needed: " + s.companyName() + " (" + s.numberOfVehicles() + " vehicles)";
        return new ManagerMessage(subject(subject), body("A contract request needs your approval.", approval));
    }

    /** The links again after the wait restarted (a new attempt of the task): same request, a later deadline. */
    public ManagerMessage renewal(Approval approval) {
        RequestSummary s = approval.summary();
        String subject = "Approval needed (new deadline): " + s.companyName() + " (" + s.numberOfVehicles() + " vehicles)";
        return new ManagerMessage(subject(subject), body("This contract request still needs your approval and its"
                + " approval window restarted. Links from the earlier message keep working until their own deadline;"
                + " these work until the new one.", approval));
    }

    public ManagerMessage reminder(Approval approval, Instant now) {
        RequestSummary s = approval.summary();
        Duration left = Duration.between(now, approval.expiresAt());
        String subject = "Reminder - approval needed: " + s.companyName() + " (" + s.numberOfVehicles() + " vehicles)";
        String intro = "Reminder: this contract request still waits for your decision. The approval window closes in "
                + describe(left) + "; without a decision the request ends unapproved.";
        return new ManagerMessage(subject(subject), body(intro, approval));
    }

    private String body(String intro, Approval approval) {
        RequestSummary s = approval.summary();
        return intro + "\n\n"
                + "Customer:        " + s.customerId() + "\n"
                + "Company:         " + s.companyName() + "\n"
                + "Vehicles:        " + s.numberOfVehicles() + "\n"
                + "Contract type:   " + s.contractType() + "\n"
                + "Estimated value: " + String.format(Locale.ROOT, "%,d", s.estimatedValue()) + " COP\n"
                + "Request:         " + approval.executionId() + "\n"
                + "Approval id:     " + approval.approvalId() + "\n"
                + "Decide before:   " + DEADLINE.format(approval.expiresAt()) + "\n\n"
                + "Approve: " + signer.link(approval, Decision.APPROVE) + "\n\n"
                + "Reject:  " + signer.link(approval, Decision.REJECT) + "\n\n"
                + "Each link opens a confirmation page where you can add a comment. The links are personal to you"
                + " and to this request, and stop working when the window closes. Do not forward this message.\n";
    }

    /** SNS subjects must be ASCII without line breaks and under 100 characters: strip accents, drop the rest. */
    static String subject(String text) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replaceAll("[^\\x20-\\x7E]", "").replaceAll("\\s+", " ").strip();
        return ascii.length() <= MAX_SUBJECT ? ascii : ascii.substring(0, MAX_SUBJECT - 3) + "...";
    }

    static String describe(Duration left) {
        long minutes = Math.max(0, left.toMinutes());
        return minutes >= 120 ? (minutes / 60) + " hours" : minutes + " minutes";
    }
}
