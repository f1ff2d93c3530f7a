package com.ccs.workflows.approval;

import static com.ccs.workflows.approval.Html.esc;

import java.time.Instant;
import java.util.List;

/**
 * The decision pages, one for each state of an approval: pending (with a reminder sent or not), decided now,
 * already decided (the same decision again, or the other one), expired (the link, or the approval), closed,
 * invalid link, not found, busy, fault. A page is one self-contained document ({@link PageStyle}); every value
 * in it is escaped. What a page says about a known approval comes from the stored approval, never from the request.
 */
final class DecisionPages {
    /** The page lists this many plates and counts the rest. */
    static final int PLATES_SHOWN = 100;

    /** A page before it becomes a document: its title, the tone of its badge, and its HTML content. */
    record Page(String title, String tone, String badge, String content) {}

    private DecisionPages() {}

    /** The whole document: head with the inline style, the card with brand, badge, title and content. */
    static String document(Page page, ApprovalLanguage language) {
        return "<!DOCTYPE html><html lang=\"" + language.tag() + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex, nofollow\">"
                + "<title>" + esc(page.title()) + " · CCS</title><style>" + PageStyle.CSS + "</style></head>"
                + "<body class=\"" + page.tone() + "\"><main><div class=\"card\">"
                + Html.text("p", "brand", PageText.BRAND.in(language))
                + "<p class=\"badge\" id=\"status\">" + esc(page.badge()) + "</p>"
                + "<h1>" + esc(page.title()) + "</h1>"
                + page.content() + "</div></main></body></html>";
    }

    static Page confirmation(CallbackOutcome.Confirmation c, PageContext context) {
        ApprovalLanguage language = context.language();
        ApprovalFormat format = ApprovalFormat.of(language);
        Approval approval = c.approval();
        RequestSummary s = approval.summary();
        boolean reminded = approval.remindedAt() != null;
        Instant deadline = c.linkExpiresAt().isBefore(approval.expiresAt()) ? c.linkExpiresAt() : approval.expiresAt();
        StringBuilder html = new StringBuilder();
        html.append("<p class=\"lead\" id=\"lead\">")
                .append(PageText.LEAD_PENDING.html(
                        language,
                        Html.text("strong", null, s.companyName()),
                        esc(format.contractType(s.contractType())),
                        esc(format.vehicles(s.numberOfVehicles()))))
                .append("</p>");
        if (reminded) {
            html.append("<p class=\"note\" id=\"reminder\">")
                    .append(PageText.REMINDER_NOTE.html(language))
                    .append("</p>");
        }
        html.append("<p class=\"deadline\" id=\"deadline\">")
                .append(esc(ApprovalText.DEADLINE.in(language) + ": " + format.deadline(deadline, context.now())))
                .append("</p>");
        html.append(facts(approval, format));
        Decision chosen = c.decision();
        String approveQuery = chosen == Decision.APPROVE ? c.formQuery() : c.otherQuery();
        String rejectQuery = chosen == Decision.REJECT ? c.formQuery() : c.otherQuery();
        // Relative actions: they resolve to this same path whatever the stage or custom domain. The form's own
        // action is the link's decision; each button posts its decision's signed link (formaction).
        html.append("<form method=\"post\" action=\"")
                .append(esc(chosen.segment() + "?" + c.formQuery()))
                .append("\">")
                .append("<fieldset><legend>")
                .append(PageText.YOUR_DECISION.html(language))
                .append("</legend>")
                .append(pick(Decision.APPROVE, chosen))
                .append(pick(Decision.REJECT, chosen))
                .append("<div class=\"choices\">")
                .append("<label class=\"choice approve\" for=\"pick-approve\">")
                .append(PageText.APPROVE.html(language))
                .append("</label>")
                .append("<label class=\"choice reject\" for=\"pick-reject\">")
                .append(PageText.REJECT.html(language))
                .append("</label>")
                .append("</div>")
                .append("<label class=\"field\" for=\"comment\">")
                .append(PageText.COMMENT_LABEL.html(language))
                .append("</label>")
                .append("<textarea id=\"comment\" name=\"comment\" maxlength=\"")
                .append(DecisionService.MAX_COMMENT)
                .append("\" rows=\"4\"></textarea>")
                .append("<p class=\"hint\">")
                .append(PageText.COMMENT_HINT.html(language))
                .append("</p>")
                .append(button(Decision.APPROVE, approveQuery, PageText.CONFIRM_APPROVE.html(language)))
                .append(button(Decision.REJECT, rejectQuery, PageText.CONFIRM_REJECT.html(language)))
                .append("</fieldset></form>")
                .append("<p class=\"foot\">")
                .append(PageText.PERSONAL_LINK.html(language, esc(approval.approver())))
                .append("</p>");
        return new Page(
                PageText.TITLE_PENDING.in(language),
                "tone-pending" + (reminded ? " reminded" : ""),
                (reminded ? PageText.BADGE_REMINDER : PageText.BADGE_PENDING).in(language),
                html.toString());
    }

    static Page recorded(CallbackOutcome.Recorded r, PageContext context) {
        ApprovalLanguage language = context.language();
        ApprovalFormat format = ApprovalFormat.of(language);
        boolean approved = r.decision() == Decision.APPROVE;
        String company = Html.text("strong", null, r.approval().summary().companyName());
        StringBuilder html = new StringBuilder("<p class=\"lead\" id=\"outcome\">")
                .append((approved ? PageText.RECORDED_APPROVED : PageText.RECORDED_REJECTED).html(language, company))
                .append("</p>");
        if (r.resent()) {
            html.append("<p class=\"note\">")
                    .append(PageText.RESENT_NOTE.html(language))
                    .append("</p>");
        }
        html.append(decision(r.approval(), r.decision().outcome(), format))
                .append(details(r.approval(), format))
                .append("<p class=\"foot\">")
                .append(PageText.CLOSE_WINDOW.html(language))
                .append("</p>");
        return new Page(
                PageText.TITLE_RECORDED.in(language),
                approved ? "tone-approved" : "tone-rejected",
                (approved ? PageText.BADGE_APPROVED : PageText.BADGE_REJECTED).in(language),
                html.toString());
    }

    static Page refused(CallbackOutcome.Refused f, PageContext context) {
        ApprovalLanguage language = context.language();
        ApprovalFormat format = ApprovalFormat.of(language);
        Approval approval = f.approval();
        // Every refusal about an approval carries it; were one not to, its page says the request no longer waits.
        String error = approval == null
                        && (f.error().startsWith("already_") || f.error().equals("approval_expired"))
                ? "no_longer_waiting"
                : f.error();
        return switch (error) {
            case "already_recorded", "already_decided" -> {
                boolean same = f.error().equals("already_recorded");
                ApprovalStatus status = approval.status();
                boolean approved = status == ApprovalStatus.APPROVED;
                String by = approval.decision() == null
                        ? ""
                        : PageText.BY_ON.html(
                                language,
                                esc(approval.decision().decidedBy()),
                                esc(format.dateTimeInBogota(approval.decision().decidedAt())));
                String word = (approved ? PageText.APPROVED_WORD : PageText.REJECTED_WORD).html(language);
                String html = "<p class=\"lead\" id=\"outcome\">"
                        + (same ? PageText.ALREADY_RECORDED : PageText.ALREADY_DECIDED).html(language, word, by)
                        + "</p>"
                        + decision(approval, status, format) + details(approval, format);
                yield new Page(
                        (same ? PageText.TITLE_ALREADY_RECORDED : PageText.TITLE_ALREADY_DECIDED).in(language),
                        approved ? "tone-approved" : "tone-rejected",
                        (approved ? PageText.BADGE_APPROVED : PageText.BADGE_REJECTED).in(language),
                        html);
            }
            case "link_expired" ->
                closed(
                        PageText.TITLE_LINK_EXPIRED,
                        language,
                        lead(PageText.LINK_EXPIRED.html(language, esc(format.dateTimeInBogota(f.linkExpiredAt()))))
                                + paragraph(PageText.EXPIRED_WHAT_NOW.html(language)));
            case "approval_expired" ->
                closed(
                        PageText.TITLE_APPROVAL_EXPIRED,
                        language,
                        lead(PageText.APPROVAL_EXPIRED.html(
                                        language, esc(format.dateTimeInBogota(approval.expiresAt()))))
                                + paragraph(PageText.EXPIRED_WHAT_NOW.html(language))
                                + details(approval, format));
            case "no_longer_waiting" ->
                closed(
                        PageText.TITLE_NO_LONGER_WAITING,
                        language,
                        lead(PageText.NO_LONGER_WAITING.html(language)) + details(approval, format));
            case "invalid_signature" ->
                problem(
                        PageText.TITLE_INVALID_LINK,
                        language,
                        lead(PageText.INVALID_SIGNATURE.html(language))
                                + paragraph(PageText.USE_THE_MESSAGE_LINK.html(language)));
            case "not_the_approver" ->
                problem(
                        PageText.TITLE_INVALID_LINK,
                        language,
                        lead(PageText.NOT_THE_APPROVER.html(language))
                                + paragraph(PageText.USE_THE_MESSAGE_LINK.html(language)));
            case "malformed_request" ->
                problem(
                        PageText.TITLE_MALFORMED,
                        language,
                        lead(PageText.MALFORMED.html(language))
                                + paragraph(PageText.USE_THE_MESSAGE_LINK.html(language))
                                // The service's own words naming the part (never the request's): for whoever supports.
                                + "<p class=\"muted\">" + PageText.TECHNICAL_DETAIL.html(language) + ": <code>"
                                + esc(f.message()) + "</code></p>");
            case "method_not_allowed" -> problem(PageText.TITLE_METHOD, language, lead(PageText.METHOD.html(language)));
            case "unknown_approval" ->
                problem(
                        PageText.TITLE_NOT_FOUND,
                        language,
                        lead(PageText.NOT_FOUND.html(language))
                                + paragraph(PageText.NOT_FOUND_WHAT_NOW.html(language)));
            case "busy", "try_again" -> problem(PageText.TITLE_BUSY, language, lead(PageText.BUSY.html(language)));
            default -> {
                String reference = context.reference();
                yield problem(
                        PageText.TITLE_INTERNAL,
                        language,
                        lead(PageText.INTERNAL.html(language))
                                + (reference == null
                                        ? ""
                                        : paragraph(PageText.INTERNAL_REFERENCE.html(
                                                language, "<code>" + esc(reference) + "</code>"))));
            }
        };
    }

    private static Page closed(PageText title, ApprovalLanguage language, String html) {
        return new Page(title.in(language), "tone-closed", PageText.BADGE_CLOSED.in(language), html);
    }

    private static Page problem(PageText title, ApprovalLanguage language, String html) {
        return new Page(title.in(language), "tone-problem", PageText.BADGE_NOTHING_RECORDED.in(language), html);
    }

    private static String lead(String html) {
        return "<p class=\"lead\" id=\"outcome\">" + html + "</p>";
    }

    private static String paragraph(String html) {
        return "<p>" + html + "</p>";
    }

    /** The facts under a heading, on the pages after the decision. */
    private static String details(Approval approval, ApprovalFormat format) {
        return approval == null
                ? ""
                : Html.text("h2", null, PageText.REQUEST_DETAILS.in(format.language())) + facts(approval, format);
    }

    /** The request's facts, labelled as in the manager's message. */
    static String facts(Approval approval, ApprovalFormat format) {
        if (approval == null) {
            return "";
        }
        ApprovalLanguage language = format.language();
        RequestSummary s = approval.summary();
        StringBuilder dl = new StringBuilder("<dl id=\"facts\">");
        fact(dl, "company", ApprovalText.COMPANY.in(language), esc(s.companyName()));
        fact(dl, "customer", ApprovalText.CUSTOMER.in(language), esc(s.customerId()));
        String document = format.document(s.documentType(), s.documentId());
        if (!document.isEmpty()) {
            fact(dl, "document", ApprovalText.DOCUMENT.in(language), esc(document));
        }
        fact(dl, "vehicles", ApprovalText.VEHICLES.in(language), esc(format.count(s.numberOfVehicles())));
        fact(dl, "plates", ApprovalText.PLATES.in(language), plates(s, format));
        fact(dl, "contract-type", ApprovalText.CONTRACT_TYPE.in(language), esc(format.contractType(s.contractType())));
        fact(
                dl,
                "value",
                ApprovalText.ESTIMATED_VALUE.in(language),
                Html.text("span", "amount", format.pesos(s.estimatedValue())));
        fact(dl, "request", ApprovalText.REQUEST.in(language), "<code>" + esc(approval.executionId()) + "</code>");
        if (approval.createdAt() != null) {
            fact(
                    dl,
                    "requested",
                    ApprovalText.REQUESTED.in(language),
                    esc(format.dateTimeInBogota(approval.createdAt())));
        }
        return dl.append("</dl>").toString();
    }

    /** The chips of the listed plates and how many of the vehicles they are; or that none is listed yet. */
    private static String plates(RequestSummary s, ApprovalFormat format) {
        if (s.plates().isEmpty()) {
            return Html.text("span", "muted", format.plates(List.of(), s.numberOfVehicles(), 0));
        }
        StringBuilder html = new StringBuilder("<ul class=\"plates\">");
        s.plates().stream().limit(PLATES_SHOWN).forEach(plate -> html.append(Html.text("li", null, plate)));
        html.append("</ul>");
        String count = format.platesOf(s.plates().size(), s.numberOfVehicles());
        return html.append(Html.text("span", "muted", count)).toString();
    }

    /** Who decided what, when, and the comment. */
    private static String decision(Approval approval, ApprovalStatus status, ApprovalFormat format) {
        ApprovalLanguage language = format.language();
        StringBuilder dl = new StringBuilder("<dl id=\"decision\">");
        fact(
                dl,
                "decision",
                PageText.DECISION.in(language),
                esc((status == ApprovalStatus.APPROVED ? PageText.BADGE_APPROVED : PageText.BADGE_REJECTED)
                        .in(language)));
        DecisionRecord record = approval.decision();
        if (record != null) {
            fact(dl, "decided-by", PageText.DECIDED_BY.in(language), esc(record.decidedBy()));
            fact(dl, "decided-at", PageText.DECIDED_AT.in(language), esc(format.dateTimeInBogota(record.decidedAt())));
            fact(
                    dl,
                    "comment",
                    PageText.COMMENT.in(language),
                    record.comment() == null
                            ? Html.text("span", "muted", PageText.NO_COMMENT.in(language))
                            : Html.text("span", "comment", record.comment()));
        }
        return dl.append("</dl>").toString();
    }

    private static void fact(StringBuilder dl, String id, String label, String valueHtml) {
        dl.append("<div id=\"fact-")
                .append(id)
                .append("\"><dt>")
                .append(esc(label))
                .append("</dt><dd>")
                .append(valueHtml)
                .append("</dd></div>");
    }

    private static String pick(Decision decision, Decision chosen) {
        return "<input class=\"pick\" type=\"radio\" name=\"choice\" id=\"pick-" + decision.segment() + "\" value=\""
                + decision.segment() + "\"" + (decision == chosen ? " checked" : "") + ">";
    }

    private static String button(Decision decision, String query, String label) {
        return "<button type=\"submit\" class=\"go go-" + decision.segment() + "\" id=\"confirm-" + decision.segment()
                + "\" formaction=\"" + esc(decision.segment() + "?" + query) + "\">" + label + "</button>";
    }
}
