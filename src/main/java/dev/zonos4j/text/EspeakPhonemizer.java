package dev.zonos4j.text;

import dev.zonos4j.util.InvalidInputException;
import dev.zonos4j.util.ZonosException;
import java.util.ArrayList;
import java.util.List;

/**
 * phonemizer 3.3.0's {@code EspeakBackend} as upstream configures it: punctuation preserved with upstream's marks,
 * stress kept, language-switch flags kept, phone separator '' and word separator ' ', strip=True. Each chunk between
 * marks (in practice each word) is phonemized on its own, so chunk results are cached: eSpeak keeps no state from one
 * chunk to the next, which makes repeated words and sentences cost a map lookup.
 */
final class EspeakPhonemizer {
    private final Espeak espeak;
    private final LruCache<String, String> chunkCache;

    EspeakPhonemizer(Espeak espeak, int cachedChunks) {
        this.espeak = espeak;
        this.chunkCache = new LruCache<>(cachedChunks);
    }

    /** Phonemes of already-cleaned text, as upstream's {@code backend.phonemize([text], strip=True)[0]}. */
    String phonemize(String text, Language language) {
        String voice = voice(language);
        PunctuationMarks.Split split = PunctuationMarks.preserve(text);
        List<String> phonemized = new ArrayList<>(split.chunks().size());
        for (String chunk : split.chunks()) {
            String key = voice + '\u0000' + chunk;
            String p = chunkCache.get(key);
            if (p == null) {
                p = postprocess(espeak.textToPhonemes(voice, chunk));
                chunkCache.put(key, p);
            }
            phonemized.add(p);
        }
        String out = PunctuationMarks.restore(phonemized, split.marks());
        if (out == null) {
            throw new InvalidInputException("the text is empty; there is nothing to phonemize");
        }
        return out;
    }

    /** The voice phonemizer picks for the language: the first eSpeak voice whose language is the code. */
    String voice(Language language) {
        String voice = espeak.voiceFor(language.code());
        if (voice == null) {
            throw new ZonosException("eSpeak NG (" + espeak.libraryName() + ") has no voice for language '"
                    + language.code() + "'; a newer espeak-ng may have it");
        }
        return voice;
    }

    /**
     * phonemizer's per-line clean-up of eSpeak output: newlines become spaces, runs of '_' and "_ " are fixed (an
     * eSpeak quirk), then each space-separated word is stripped and its '_' phone separators removed.
     */
    static String postprocess(String raw) {
        String line = PyText.strip(raw).replace("\n", " ").replace("  ", " ");
        line = line.replaceAll("_+", "_").replace("_ ", " ");
        if (line.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(line.length());
        for (String word : line.split(" ", -1)) {
            out.append(PyText.strip(word).replace("_", "")).append(' ');
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }
}
