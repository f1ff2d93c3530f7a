package com.ccs.workflows.approval;

import java.util.Locale;

/**
 * The texts of the decision pages, each in Spanish (Colombia) and English; the facts' labels are
 * {@link ApprovalText}'s, shared with the manager's message. {@code %s} marks the values, in order; {@link #html}
 * escapes the text and takes values that are already HTML.
 */
enum PageText {
    BRAND("CCS · Gestión de flotas", "CCS · Fleet management"),

    TITLE_PENDING("Aprobación de contrato", "Contract approval"),
    BADGE_PENDING("Pendiente de su decisión", "Awaiting your decision"),
    BADGE_REMINDER("Recordatorio: pendiente de su decisión", "Reminder: awaiting your decision"),
    LEAD_PENDING("%s solicita un contrato %s para %s.", "%s requests a %s contract for %s."),
    REMINDER_NOTE(
            "Le enviamos un recordatorio: esta solicitud sigue esperando su decisión.",
            "We sent you a reminder: this request still waits for your decision."),
    YOUR_DECISION("Su decisión", "Your decision"),
    APPROVE("Aprobar", "Approve"),
    REJECT("Rechazar", "Reject"),
    COMMENT_LABEL("Comentario (opcional)", "Comment (optional)"),
    COMMENT_HINT(
            "Queda registrado con la decisión, su nombre y la hora. Nada se registra hasta que confirme.",
            "Kept with the decision, your name and the time. Nothing is recorded until you confirm."),
    CONFIRM_APPROVE("Confirmar aprobación", "Confirm approval"),
    CONFIRM_REJECT("Confirmar rechazo", "Confirm rejection"),
    PERSONAL_LINK("Enlace personal para %s. No lo reenvíe.", "Personal link for %s. Do not forward it."),

    TITLE_RECORDED("Decisión registrada", "Decision recorded"),
    BADGE_APPROVED("Aprobada", "Approved"),
    BADGE_REJECTED("Rechazada", "Rejected"),
    RECORDED_APPROVED(
            "Aprobó la solicitud de %s. El contrato sigue su curso: se crea, se cobra y se activa el servicio.",
            "You approved the request of %s. The contract goes ahead: it is created, charged and the service activated."),
    RECORDED_REJECTED(
            "Rechazó la solicitud de %s. La solicitud termina sin contrato y sin cobro.",
            "You rejected the request of %s. The request ends with no contract and no charge."),
    RESENT_NOTE(
            "Su decisión ya estaba registrada pero no había llegado al proceso; ahora llegó.",
            "Your decision was already recorded but had not reached the process; now it has."),
    CLOSE_WINDOW("Puede cerrar esta ventana.", "You can close this window."),
    REQUEST_DETAILS("Detalle de la solicitud", "Request details"),
    DECISION("Decisión", "Decision"),
    DECIDED_BY("Decidida por", "Decided by"),
    DECIDED_AT("Fecha de la decisión", "Decided on"),
    COMMENT("Comentario", "Comment"),
    NO_COMMENT("Sin comentario", "No comment"),
    APPROVED_WORD("aprobada", "approved"),
    REJECTED_WORD("rechazada", "rejected"),
    BY_ON(" por %s el %s", " by %s on %s"),

    TITLE_ALREADY_RECORDED("Decisión ya registrada", "Decision already recorded"),
    ALREADY_RECORDED(
            "Esta decisión ya estaba registrada: la solicitud fue %s%s. No se cambió nada.",
            "This decision was already recorded: the request was %s%s. Nothing was changed."),
    TITLE_ALREADY_DECIDED("Solicitud ya decidida", "Request already decided"),
    ALREADY_DECIDED(
            "Esta solicitud ya fue %s%s; la decisión no se puede cambiar.",
            "This request was already %s%s; the decision cannot be changed."),

    BADGE_CLOSED("Cerrada", "Closed"),
    TITLE_LINK_EXPIRED("Enlace vencido", "Link expired"),
    LINK_EXPIRED(
            "Este enlace venció el %s: el plazo de aprobación se cerró y ya no sirve para decidir.",
            "This link has expired: the approval window closed on %s, and the link can no longer decide."),
    EXPIRED_WHAT_NOW(
            "Si la solicitud todavía necesita una decisión, pida que la envíen de nuevo.",
            "If the request still needs a decision, ask for it to be submitted again."),
    TITLE_APPROVAL_EXPIRED("Plazo cerrado", "Approval window closed"),
    APPROVAL_EXPIRED(
            "El plazo para decidir esta solicitud se cerró el %s. Sin una decisión, la solicitud terminó sin"
                    + " aprobarse.",
            "The window to decide this request closed on %s. Without a decision, the request ended" + " unapproved."),
    TITLE_NO_LONGER_WAITING("Solicitud cerrada", "Request closed"),
    NO_LONGER_WAITING(
            "Esta solicitud ya no espera una decisión: su plazo se cerró o se canceló. No se registró nada.",
            "This request no longer waits for a decision: its window closed or it was cancelled. Nothing was recorded."),

    BADGE_NOTHING_RECORDED("No se registró nada", "Nothing recorded"),
    TITLE_INVALID_LINK("Enlace no válido", "Invalid link"),
    INVALID_SIGNATURE(
            "Este enlace no es válido: está incompleto o fue modificado.",
            "This link is not valid: it is incomplete or was changed."),
    NOT_THE_APPROVER(
            "Este enlace no se emitió para quien aprueba esta solicitud.",
            "This link was not issued to the approver of this request."),
    USE_THE_MESSAGE_LINK(
            "Abra el enlace del mensaje de aprobación tal como llegó; si lo copió, cópielo completo.",
            "Open the link from the approval message as it arrived; if you copied it, copy all of it."),
    TITLE_MALFORMED("Enlace incompleto", "Incomplete link"),
    MALFORMED("Falta una parte del enlace o está dañada.", "A part of the link is missing or damaged."),
    TECHNICAL_DETAIL("Detalle técnico", "Technical detail"),
    TITLE_METHOD("Acción no permitida", "Action not allowed"),
    METHOD(
            "Abra el enlace en un navegador y confirme con el botón de la página.",
            "Open the link in a browser and confirm with the page's button."),
    TITLE_NOT_FOUND("Solicitud no encontrada", "Approval not found"),
    NOT_FOUND(
            "No encontramos esta solicitud de aprobación. Pudo haberse eliminado (se guarda 90 días después de su"
                    + " plazo) o el enlace es de otro entorno.",
            "We could not find this approval request. It may have been"
                    + " removed (approvals are kept 90 days after their window) or the link is from another environment."),
    NOT_FOUND_WHAT_NOW(
            "Busque el mensaje de aprobación más reciente y use su enlace.",
            "Look for the latest approval message and use its link."),
    TITLE_BUSY("Servicio ocupado", "Service busy"),
    BUSY(
            "No se cambió nada. Intente de nuevo en un minuto con el mismo enlace.",
            "Nothing was changed. Try again in a minute with the same link."),
    TITLE_INTERNAL("Algo salió mal", "Something went wrong"),
    INTERNAL(
            "No se registró nada. Intente de nuevo en unos minutos con el mismo enlace.",
            "Nothing was recorded. Try again in a few minutes with the same link."),
    INTERNAL_REFERENCE(
            "Si vuelve a ocurrir, escriba a soporte con esta referencia: %s",
            "If it happens again, write to support with this reference: %s");

    private final String spanish;
    private final String english;

    PageText(String spanish, String english) {
        this.spanish = spanish;
        this.english = english;
    }

    String in(ApprovalLanguage language) {
        return language == ApprovalLanguage.ES_CO ? spanish : english;
    }

    /** The text escaped for HTML, its {@code %s} filled with {@code fragments}, which must be HTML already. */
    String html(ApprovalLanguage language, String... fragments) {
        return String.format(Locale.ROOT, Html.esc(in(language)), (Object[]) fragments);
    }
}
