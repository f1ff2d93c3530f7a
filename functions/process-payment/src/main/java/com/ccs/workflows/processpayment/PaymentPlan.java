package com.ccs.workflows.processpayment;

import java.util.ArrayList;
import java.util.List;

/**
 * How a contract's amount is collected: in parts of at most {@link #MAX_CHARGE_MINOR}, Stripe's cap on one
 * charge (eight digits in the currency's minor unit: 999,999.99 COP), as equal as possible, so no part falls under
 * Stripe's minimum charge. An amount in whole major units (whole pesos) is split in whole major units.
 *
 * @param parts the amount of each part in minor units, in charging order; their sum is the total
 */
public record PaymentPlan(long totalMinor, List<Long> parts) {
    public static final long MAX_CHARGE_MINOR = 99_999_999L;
    /**
     * The most parts one payment is split into: 2,000,000,000 COP (the largest contract) takes 2,001. Their ids
     * travel in the state machine's state, which holds 256 KiB.
     */
    public static final int MAX_PARTS = 2_500;
    /** The largest total that fits {@link #MAX_PARTS} parts, whether split in minor or in whole major units. */
    public static final long MAX_TOTAL_MINOR = MAX_PARTS * (MAX_CHARGE_MINOR / 100 * 100);

    public PaymentPlan {
        parts = List.copyOf(parts);
    }

    /** The plan for {@code totalMinor} (positive) of a currency with {@code minorUnitDigits} decimals. */
    public static PaymentPlan of(long totalMinor, int minorUnitDigits) {
        if (totalMinor <= 0) {
            throw new IllegalArgumentException("a payment plan needs a positive amount, got " + totalMinor);
        }
        long major = (long) Math.pow(10, minorUnitDigits);
        long unit = totalMinor % major == 0 ? major : 1;
        long units = totalMinor / unit;
        long maxUnits = MAX_CHARGE_MINOR / unit;
        long count = (units + maxUnits - 1) / maxUnits;
        if (count > MAX_PARTS) {
            throw new IllegalArgumentException(
                    totalMinor + " would take " + count + " charges, more than " + MAX_PARTS);
        }
        long base = units / count;
        long extra = units % count;
        List<Long> parts = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            parts.add((base + (i < extra ? 1 : 0)) * unit);
        }
        return new PaymentPlan(totalMinor, parts);
    }

    public int size() {
        return parts.size();
    }

    /** The amount of part {@code part}, counted from 1. */
    public long amountOf(int part) {
        return parts.get(part - 1);
    }
}
