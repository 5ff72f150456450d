package dev.zonos4j.text;

import java.util.Arrays;

/**
 * Phoneme ids for the model: BOS, one id per code point of the phoneme string, EOS. Symbols outside the model's
 * table became UNK; {@code unknownCount} says how many and {@code unknownSymbols} which (each distinct one once), so a
 * caller can report them once per request instead of losing them silently.
 */
public record PhonemeTokens(int[] ids, int unknownCount, String unknownSymbols) {
    public PhonemeTokens {
        if (ids.length < 2 || ids[0] != SymbolTable.BOS || ids[ids.length - 1] != SymbolTable.EOS) {
            throw new IllegalArgumentException("token ids must start with BOS and end with EOS");
        }
        if (unknownCount < 0 || (unknownCount == 0) != unknownSymbols.isEmpty()) {
            throw new IllegalArgumentException("unknown count " + unknownCount + " disagrees with '" + unknownSymbols + "'");
        }
        ids = ids.clone();
    }

    @Override
    public int[] ids() {
        return ids.clone();
    }

    public int length() {
        return ids.length;
    }

    /** The unknown symbols as "U+0303 (̃), U+0031 (1)", or empty. */
    public String describeUnknown() {
        StringBuilder sb = new StringBuilder();
        unknownSymbols.codePoints().forEach(cp -> {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(String.format("U+%04X (%s)", cp, Character.isISOControl(cp) ? "control"
                    : Character.getType(cp) == Character.NON_SPACING_MARK ? "◌" + Character.toString(cp) : Character.toString(cp)));
        });
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PhonemeTokens t && Arrays.equals(ids, t.ids) && unknownCount == t.unknownCount
                && unknownSymbols.equals(t.unknownSymbols);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids) * 31 + unknownSymbols.hashCode();
    }

    @Override
    public String toString() {
        return "PhonemeTokens" + Arrays.toString(ids) + (unknownCount == 0 ? "" : " unknown " + unknownCount + ": " + describeUnknown());
    }
}
