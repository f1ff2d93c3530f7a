package com.ccs.workflows.approval;

import java.util.Locale;

/**
 * The texts of the manager's messages and the labels of a request's facts, which the decision page shows under the
 * same names: each in Spanish (Colombia) and English, so no text exists in one language only. {@code %s} marks the
 * values, in order.
 */
public enum ApprovalText {
    COMPANY("Empresa", "Company"),
    CUSTOMER("Cliente", "Customer"),
    DOCUMENT("Documento", "Document"),
    VEHICLES("Vehículos", "Vehicles"),
    PLATES("Placas", "Plates"),
    CONTRACT_TYPE("Tipo de contrato", "Contract type"),
    ESTIMATED_VALUE("Valor estimado", "Estimated value"),
    REQUEST("Solicitud", "Request"),
    REQUESTED("Recibida", "Requested"),
    DEADLINE("Plazo", "Deadline"),
    APPROVAL_ID("Id de aprobación", "Approval id"),

    SUBJECT_REQUEST("Aprobación requerida: %s (%s)", "Approval needed: %s (%s)"),
    SUBJECT_RENEWAL("Aprobación requerida (nuevo plazo): %s (%s)", "Approval needed (new deadline): %s (%s)"),
    SUBJECT_REMINDER("Recordatorio - aprobación requerida: %s (%s)", "Reminder - approval needed: %s (%s)"),
    INTRO_REQUEST("Una solicitud de contrato necesita su aprobación.", "A contract request needs your approval."),
    INTRO_RENEWAL(
            "Esta solicitud de contrato sigue esperando su aprobación y su plazo se reinició. Los enlaces del"
                    + " mensaje anterior funcionan hasta su propio plazo; estos, hasta el nuevo.",
            "This contract request still needs your approval and its approval window restarted. Links from the earlier"
                    + " message keep working until their own deadline; these work until the new one."),
    INTRO_REMINDER(
            "Recordatorio: esta solicitud de contrato sigue esperando su decisión. El plazo se cierra en %s;"
                    + " sin una decisión, la solicitud termina sin aprobarse.",
            "Reminder: this contract request still waits for your decision. The approval window closes in %s; without"
                    + " a decision the request ends unapproved."),
    APPROVE_LINK("Aprobar", "Approve"),
    REJECT_LINK("Rechazar", "Reject"),
    LINKS_NOTE(
            "Cada enlace abre una página de confirmación donde puede cambiar de decisión y agregar un comentario;"
                    + " nada se registra hasta que confirme. Los enlaces son personales, para usted y para esta solicitud, y"
                    + " dejan de funcionar al cerrarse el plazo. No reenvíe este mensaje.",
            "Each link opens a confirmation page where you can change your mind and add a comment; nothing is recorded"
                    + " until you confirm. The links are personal to you and to this request, and stop working when the"
                    + " window closes. Do not forward this message.");

    private final String spanish;
    private final String english;

    ApprovalText(String spanish, String english) {
        this.spanish = spanish;
        this.english = english;
    }

    public String in(ApprovalLanguage language) {
        return language == ApprovalLanguage.ES_CO ? spanish : english;
    }

    /** The text with its {@code %s} filled in order. */
    public String in(ApprovalLanguage language, Object... values) {
        return String.format(Locale.ROOT, in(language), values);
    }
}
