package com.ccs.workflows.shared.observability;

/** The CloudWatch units the functions' metrics use, with the names EMF expects. */
public enum MetricUnit {
    COUNT("Count"),
    NONE("None"),
    MILLISECONDS("Milliseconds"),
    SECONDS("Seconds"),
    BYTES("Bytes"),
    PERCENT("Percent");

    private final String cloudWatchName;

    MetricUnit(String cloudWatchName) {
        this.cloudWatchName = cloudWatchName;
    }

    public String cloudWatchName() {
        return cloudWatchName;
    }
}
