package com.ccs.workflows.approval;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies approve/reject links. The signature is HMAC-SHA256 over
 * {@code approval_id|decision|expires|approver}: it binds a link to one approval (no reuse on another contract),
 * one decision (an approve link cannot be turned into a reject), its expiry and the manager it was sent to.
 * The fields before the approver cannot contain '|' (id and decision have fixed alphabets, expires is digits),
 * so the payload is unambiguous even if the approver's name contains one.
 */
public final class LinkSigner {
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final Supplier<byte[]> key;
    private final String baseUrl;

    /** {@code key} supplies the signing secret (cached by the supplier); {@code baseUrl} is the HTTP API's URL. */
    public LinkSigner(Supplier<byte[]> key, String baseUrl) {
        this.key = key;
        this.baseUrl = baseUrl == null ? "" : baseUrl.replaceAll("/+$", "");
    }

    public String sign(String approvalId, Decision decision, long expires, String approver) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key.get(), ALGORITHM));
            String payload = approvalId + "|" + decision.segment() + "|" + expires + "|" + approver;
            return ENCODER.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Constant-time comparison, so response timing does not reveal how much of a forged signature matched. */
    public boolean verify(String approvalId, Decision decision, long expires, String approver, String signature) {
        byte[] expected = sign(approvalId, decision, expires, approver).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
    }

    /** The query string of a link (approver, expires, sig), URL-encoded. */
    public String query(String approvalId, Decision decision, long expires, String approver) {
        return "approver=" + encode(approver) + "&expires=" + expires + "&sig="
                + sign(approvalId, decision, expires, approver);
    }

    /** The absolute link the manager receives for {@code decision} on {@code approval}. */
    public String link(Approval approval, Decision decision) {
        long expires = approval.expiresAt().getEpochSecond();
        return baseUrl + "/approvals/" + approval.approvalId() + "/" + decision.segment() + "?"
                + query(approval.approvalId(), decision, expires, approval.approver());
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
