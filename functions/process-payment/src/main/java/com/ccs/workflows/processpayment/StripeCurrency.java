package com.ccs.workflows.processpayment;

import com.ccs.workflows.errors.InvalidInputException;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * The currencies this function charges in, with the number of decimals Stripe's API expects for each.
 *
 * <p>Stripe takes every amount as an integer in the currency's minor unit. The Colombian peso is NOT one of
 * Stripe's zero-decimal currencies (BIF, CLP, DJF, GNF, JPY, KMF, KRW, MGA, PYG, RWF, UGX, VND, VUV, XAF, XOF,
 * XPF) nor one of its special cases (ISK, HUF, TWD, UGX), so Stripe treats COP as a two-decimal currency:
 * 15,000,000 pesos are sent as {@code amount=1500000000}, even though centavos are not used in daily life. Sending
 * pesos unconverted would charge one hundredth of the price; multiplying a zero-decimal currency would charge
 * a hundred times too much, hence one explicit exponent per supported currency instead of a guess.
 */
public enum StripeCurrency {
    COP("cop", 2);

    private final String stripeCode;
    private final int minorUnitDigits;

    StripeCurrency(String stripeCode, int minorUnitDigits) {
        this.stripeCode = stripeCode;
        this.minorUnitDigits = minorUnitDigits;
    }

    /** The ISO code as the event carries it ({@code COP}, any case); anything else is invalid input. */
    public static StripeCurrency parse(String isoCode) {
        String normalized = isoCode.strip().toUpperCase(Locale.ROOT);
        for (StripeCurrency currency : values()) {
            if (currency.name().equals(normalized)) {
                return currency;
            }
        }
        // Short values are quoted; a long one only by its length, so a huge value is not echoed back.
        String shown = isoCode.length() <= 10 ? "\"" + isoCode + "\"" : "of " + isoCode.length() + " characters";
        throw new InvalidInputException("currency", "unsupported currency " + shown + "; supported: COP");
    }

    /** The lowercase code Stripe's API expects ({@code cop}). */
    public String stripeCode() {
        return stripeCode;
    }

    public int minorUnitDigits() {
        return minorUnitDigits;
    }

    /**
     * Converts an amount in major units (pesos) to Stripe's integer minor units, exactly: an amount that is not
     * positive, has more decimals than the currency or does not fit in a long is rejected, never rounded.
     */
    public long toMinorUnits(BigDecimal majorUnits) {
        if (majorUnits.signum() <= 0) {
            throw new InvalidInputException("amount", "must be greater than zero, got " + majorUnits.toPlainString());
        }
        try {
            return majorUnits.movePointRight(minorUnitDigits).longValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidInputException(
                    "amount",
                    majorUnits.scale() > minorUnitDigits
                            ? "must have at most " + minorUnitDigits + " decimals in " + name() + ", got "
                                    + majorUnits.toPlainString()
                            : "is too large: " + majorUnits.toPlainString());
        }
    }
}
