package com.ccs.workflows.shared.logging;

/** Undoes a temporary logging change (a level override, a diverted output) when closed. */
@FunctionalInterface
public interface Restore extends AutoCloseable {
    @Override
    void close();
}
