package dev.zonos4j.text;

import dev.zonos4j.util.InvalidInputException;
import java.util.List;

/**
 * The text front end the engine calls: {@link #prepare} turns one segment's text into phoneme ids exactly as
 * upstream Zonos does (number normalisation, eSpeak NG phonemes through phonemizer's rules, symbol ids), and
 * {@link #segment} cuts a long text into segments sized for the model. One shared instance serves the process
 * (eSpeak is a process-wide singleton); it is thread-safe and caches prepared texts and phonemized words.
 *
 * <p>{@code prepare} reproduces upstream byte for byte and applies no other clean-up. {@code segment} is the
 * long-form path: it applies {@link TextCleanup} to each segment's text, so the segment texts it returns are what
 * should be passed to {@code prepare}.
 */
public final class TextFrontEnd {
    /**
     * Default segment budget in phoneme symbols (code points of the phoneme string, stress marks and spaces
     * included). Assumption: 15 to 18 symbols per second of speech. Zonos' speaking_rate counts phonemes per second
     * with a default of 15 (270 is 18 s at that rate); read English measures nearer 18 symbols/s once stress marks
     * and spaces are counted (270 is 15 s). The model generates at most 30 s.
     */
    public static final int DEFAULT_BUDGET = 270;
    public static final int MIN_BUDGET = 16;
    public static final int MAX_BUDGET = 1000;

    private static TextFrontEnd shared;

    private final EspeakPhonemizer phonemizer;
    private final LruCache<String, PreparedText> prepared;

    private TextFrontEnd(Espeak espeak) {
        this.phonemizer = new EspeakPhonemizer(espeak, 1 << 16);
        this.prepared = new LruCache<>(4096);
    }

    /** The process-wide front end; fails with install instructions when libespeak-ng is missing. */
    public static synchronized TextFrontEnd shared() {
        if (shared == null) {
            shared = new TextFrontEnd(Espeak.get());
        }
        return shared;
    }

    /**
     * A front end with its own empty caches, for benchmarks and tests that must see cold caches; everyone else
     * should use {@link #shared()}.
     */
    public static TextFrontEnd newInstance() {
        return new TextFrontEnd(Espeak.get());
    }

    /** The eSpeak voice that phonemizes {@code language} (phonemizer's choice: the first voice of that language). */
    public String espeakVoice(Language language) {
        return phonemizer.voice(language);
    }

    /** Upstream's {@code clean([text], [lang])[0]}: English number words for every language but Japanese. */
    public static String clean(String text, Language language) {
        requireSupported(language);
        return NumberNormalizer.normalize(text);
    }

    private static void requireSupported(Language language) {
        if (language.isJapanese()) {
            throw new InvalidInputException("Japanese (ja) is not supported: upstream rewrites Japanese text into kana "
                    + "readings with the sudachipy dictionary before eSpeak, and Zonos4J has no such dictionary");
        }
    }

    /** Normalise, phonemize and tokenize one text (a segment) for {@code language}, exactly as upstream. */
    public PreparedText prepare(String text, Language language) {
        if (text.isEmpty()) {
            throw new InvalidInputException("the text is empty; there is nothing to speak");
        }
        String key = language.code() + '\u0000' + text;
        PreparedText p = prepared.get(key);
        if (p == null) {
            String clean = clean(text, language);
            String phonemes = phonemizer.phonemize(clean, language);
            p = new PreparedText(language, text, clean, phonemes, SymbolTable.tokenize(phonemes));
            prepared.put(key, p);
        }
        return p;
    }

    /** {@link #segment(String, Language, int)} with {@link #DEFAULT_BUDGET}. */
    public List<Segment> segment(String text, Language language) {
        return segment(text, language, DEFAULT_BUDGET);
    }

    /**
     * Splits {@code text} into sentences and packs them into segments of at most {@code budget} phoneme symbols
     * (a sentence longer than that is cut at its best clause boundary, never inside a word; only a single word
     * longer than the budget makes a longer segment). Spans point into {@code text} as given.
     */
    public List<Segment> segment(String text, Language language, int budget) {
        if (budget < MIN_BUDGET || budget > MAX_BUDGET) {
            throw new InvalidInputException("segment budget " + budget + " is out of range; use " + MIN_BUDGET + ".."
                    + MAX_BUDGET + " phonemes (default " + DEFAULT_BUDGET + ")");
        }
        requireSupported(language);
        return new Segmenter(s -> prepare(s, language).phonemeCount()).segment(text, budget);
    }
}
