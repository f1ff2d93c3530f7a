package com.ccs.workflows.approval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The pages' only style sheet, inline (no external asset: the page works wherever the link is opened), and the
 * Content-Security-Policy that allows exactly it by its hash: no script, no other style, no image, no frame, and
 * forms only to this origin. Phone first (one column, 48 px targets, 16 px text so phones do not zoom into the
 * comment box); from 40 rem the facts sit in two columns. The choice between the two decisions works without
 * script: the radio buttons show the button of the decision chosen ({@code :checked ~}).
 */
final class PageStyle {
    static final String CSS = """
            *,*::before,*::after{box-sizing:border-box}\
            html{-webkit-text-size-adjust:100%;text-size-adjust:100%}\
            body{margin:0;background:#eef1f5;color:#1d2430;\
            font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}\
            main{max-width:44rem;margin:0 auto;padding:.75rem}\
            .card{background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(16,24,40,.14);padding:1.25rem 1rem}\
            .brand{margin:0 0 .75rem;font-size:.8125rem;font-weight:600;letter-spacing:.04em;text-transform:uppercase;\
            color:#5b6575}\
            .badge{display:inline-block;margin:0;padding:.125rem .625rem;border-radius:999px;font-size:.875rem;\
            font-weight:600;background:#e7eaf0;color:#3d4757}\
            .tone-pending .badge{background:#fff1cc;color:#6b4200}\
            .tone-approved .badge{background:#d7f2e1;color:#0d5228}\
            .tone-rejected .badge,.tone-problem .badge{background:#fde2e1;color:#8a1c17}\
            h1{margin:.5rem 0 .5rem;font-size:1.5rem;line-height:1.25}\
            h2{margin:1.5rem 0 .25rem;font-size:1.0625rem}\
            p{margin:0 0 1rem}\
            .lead{font-size:1.0625rem}\
            .deadline{padding:.75rem 1rem;border-radius:8px;background:#eef4fd;border-left:4px solid #2563c9;\
            font-weight:600}\
            .reminded .deadline{background:#fff6e0;border-left-color:#c26a00}\
            .note{padding:.75rem 1rem;border-radius:8px;background:#f4f5f7}\
            dl{margin:0 0 1.25rem;border-top:1px solid #e2e6ec}\
            dl>div{padding:.625rem 0;border-bottom:1px solid #e2e6ec}\
            dt{font-size:.875rem;color:#5b6575}\
            dd{margin:0;font-weight:500;overflow-wrap:anywhere}\
            .amount{font-size:1.25rem;font-weight:700}\
            .plates{display:flex;flex-wrap:wrap;gap:.375rem;margin:.25rem 0;padding:0;list-style:none}\
            .plates li{padding:.0625rem .5rem;border:1px solid #c5ccd6;border-radius:6px;background:#f7f8fa;\
            font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9375rem}\
            .muted{color:#5b6575;font-weight:400}\
            .comment{white-space:pre-wrap}\
            fieldset{margin:0;padding:0;border:0;min-width:0}\
            legend{padding:0;margin-bottom:.5rem;font-size:1.125rem;font-weight:700}\
            .pick{position:absolute;opacity:0;width:1px;height:1px;margin:0}\
            .choices{display:grid;grid-template-columns:1fr 1fr;gap:.5rem;margin-bottom:1rem}\
            .choice{display:flex;align-items:center;justify-content:center;min-height:48px;padding:.5rem;\
            border:2px solid #c5ccd6;border-radius:10px;font-weight:600;cursor:pointer;background:#fff}\
            #pick-approve:checked~.choices .approve{border-color:#15803d;background:#e3f6ea;color:#0d5228}\
            #pick-reject:checked~.choices .reject{border-color:#b42318;background:#fdeceb;color:#8a1c17}\
            #pick-approve:focus-visible~.choices .approve,#pick-reject:focus-visible~.choices .reject\
            {outline:3px solid #2563c9;outline-offset:2px}\
            label.field{display:block;font-weight:600;margin-bottom:.25rem}\
            textarea{display:block;width:100%;min-height:6.5rem;padding:.625rem .75rem;border:1px solid #b9c1cc;\
            border-radius:8px;font:inherit;font-size:16px;resize:vertical}\
            textarea:focus{outline:3px solid #2563c9;outline-offset:1px}\
            .hint{margin:.375rem 0 1rem;font-size:.875rem;color:#5b6575}\
            .go{display:block;width:100%;min-height:48px;padding:.75rem 1rem;border:0;border-radius:10px;\
            color:#fff;font:inherit;font-weight:700;cursor:pointer}\
            .go-approve{background:#15803d}.go-reject{background:#b42318}\
            .go:focus-visible{outline:3px solid #2563c9;outline-offset:2px}\
            #pick-approve:checked~.go-reject,#pick-reject:checked~.go-approve{display:none}\
            .foot{margin:1.25rem 0 0;font-size:.8125rem;color:#5b6575}\
            code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.875rem;\
            overflow-wrap:anywhere}\
            @media (min-width:40rem){main{padding:2rem 1rem}.card{padding:2rem 2.25rem}\
            dl>div{display:grid;grid-template-columns:11rem 1fr;gap:1rem}dt{font-size:.9375rem}\
            h1{font-size:1.75rem}}""";

    /** {@code Content-Security-Policy} of every answer: the style above, by hash, and nothing else to load. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + sha256(CSS)
            + "'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private PageStyle() {}

    private static String sha256(String css) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(css.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
