package dev.zonos4j.text;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Upstream's phoneme symbol table: ids 0..3 are PAD, UNK, BOS, EOS, then punctuation, ASCII letters and IPA
 * letters from id 4, one symbol per code point. The apostrophe appears twice in upstream's list; its dict keeps the
 * later index, so {@code '} is 187 and 185 is never produced (the embedding still has 189 rows).
 */
public final class SymbolTable {
    public static final int PAD = 0;
    public static final int UNK = 1;
    public static final int BOS = 2;
    public static final int EOS = 3;

    /** Upstream's {@code _punctuation}: also the marks phonemizer preserves (the space is one of them). */
    public static final String PUNCTUATION = ";:,.!?¡¿—…\"«»“”() *~-/\\&";
    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String LETTERS_IPA =
            "ɑɐɒæɓʙβɔɕçɗɖðʤəɘɚɛɜɝɞɟʄɡɠɢʛɦɧħɥʜɨɪʝɭɬɫɮʟɱɯɰŋɳɲɴøɵɸθœɶʘɹɺɾɻʀʁɽʂʃʈʧʉʊʋⱱʌɣɤʍχʎʏʑʐʒʔʡʕʢǀǁǂǃˈˌːˑʼʴʰʱʲʷˠˤ˞↓↑→↗↘'̩'ᵻ";

    /** Rows of the phoneme embedding: the 4 specials plus every list entry (duplicates included). */
    public static final int EMBEDDING_ROWS;

    private static final List<Integer> SYMBOLS;
    private static final Map<Integer, Integer> ID_OF = new HashMap<>();

    static {
        SYMBOLS = (PUNCTUATION + LETTERS + LETTERS_IPA).codePoints().boxed().toList();
        for (int i = 0; i < SYMBOLS.size(); i++) {
            ID_OF.put(SYMBOLS.get(i), i + 4);
        }
        EMBEDDING_ROWS = SYMBOLS.size() + 4;
    }

    private SymbolTable() {
    }

    /** The symbol list in upstream order (id = index + 4), as code points. */
    public static List<Integer> symbols() {
        return SYMBOLS;
    }

    /** The id of one code point, or UNK. */
    public static int id(int codePoint) {
        Integer id = ID_OF.get(codePoint);
        return id == null ? UNK : id;
    }

    /** BOS, one id per code point of {@code phonemes}, EOS. */
    public static PhonemeTokens tokenize(String phonemes) {
        int n = phonemes.codePointCount(0, phonemes.length());
        int[] ids = new int[n + 2];
        ids[0] = BOS;
        int k = 1;
        int unknown = 0;
        Set<Integer> unknownSet = new LinkedHashSet<>();
        for (int i = 0; i < phonemes.length(); ) {
            int cp = phonemes.codePointAt(i);
            int id = id(cp);
            if (id == UNK) {
                unknown++;
                unknownSet.add(cp);
            }
            ids[k++] = id;
            i += Character.charCount(cp);
        }
        ids[k] = EOS;
        StringBuilder symbols = new StringBuilder();
        unknownSet.forEach(symbols::appendCodePoint);
        return new PhonemeTokens(ids, unknown, symbols.toString());
    }
}
