package com.ccs.workflows.processpayment;

/** Where the Stripe secret key comes from: read once per container, read again only when Stripe rejects it. */
public interface StripeApiKeySource {

    /** The key, from the cache when it has been read before. */
    String current();

    /** Reads the key again from its source (e.g. after a rotation made the cached one invalid). */
    String refresh();
}
