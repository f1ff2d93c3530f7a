package com.ccs.workflows.validatecustomer;

import java.util.Locale;

/** What the company registry said about the company, as reported in the output's {@code registry_status}. */
public enum RegistryStatus {
    ACTIVE,
    INACTIVE,
    SUSPENDED,
    /** The registry answered 404: no company with that NIT. */
    NOT_REGISTERED,
    /** The request had problems, so the registry was not asked. */
    NOT_CHECKED;

    /** The output value: {@code active}, {@code not_registered}, ... */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
