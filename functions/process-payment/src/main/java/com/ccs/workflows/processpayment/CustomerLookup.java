package com.ccs.workflows.processpayment;

/** What Stripe holds for one of the platform's customers: its Stripe Customer, none, or several. */
public sealed interface CustomerLookup {

    record Found(String stripeCustomerId) implements CustomerLookup {}

    record Missing() implements CustomerLookup {}

    /** More than one Stripe Customer names the customer: charging either could charge the wrong one. */
    record Ambiguous(int count) implements CustomerLookup {}
}
