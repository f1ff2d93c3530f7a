package com.ccs.workflows.approval;

/** Delivers a message to the manager (the manager notifications topic in production). */
public interface ManagerNotifier {

    /** Returns the provider's message id. */
    String publish(ManagerMessage message);
}
