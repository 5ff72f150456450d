package dev.zonos4j.text;

import java.util.Optional;

/**
 * A text made ready for the model: upstream's {@code clean} output, its eSpeak phonemes and the phoneme ids
 * (with BOS/EOS) plus the language whose id the model's language conditioner takes.
 */
public record PreparedText(Language language, String text, String clean, String phonemes, PhonemeTokens tokens) {

    /** The ids the phoneme embedding takes: BOS, one per phoneme code point, EOS. */
    public int[] tokenIds() {
        return tokens.ids();
    }

    /** Phoneme code points (the token count without BOS and EOS). */
    public int phonemeCount() {
        return tokens.length() - 2;
    }

    /** One line about symbols the model does not know (they became UNK), or empty when there were none. */
    public Optional<String> unknownSymbolWarning() {
        if (tokens.unknownCount() == 0) {
            return Optional.empty();
        }
        return Optional.of(tokens.unknownCount() + " phoneme symbol(s) unknown to the model were read as UNK: "
                + tokens.describeUnknown());
    }
}
