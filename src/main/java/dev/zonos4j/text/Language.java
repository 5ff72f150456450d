package dev.zonos4j.text;

import dev.zonos4j.util.InvalidInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A language Zonos was trained on: its code (also the eSpeak language whose voice phonemizes it) and the id the
 * model's language conditioner embeds, which is the code's index in upstream's {@code supported_language_codes}.
 */
public record Language(String code, int id) {

    /** Upstream's {@code supported_language_codes}, in order: the index is the model's language id. */
    private static final List<String> CODES = List.of(
            "af", "am", "an", "ar", "as", "az", "ba", "bg", "bn", "bpy", "bs", "ca", "cmn", "cs", "cy", "da", "de", "el",
            "en-029", "en-gb", "en-gb-scotland", "en-gb-x-gbclan", "en-gb-x-gbcwmd", "en-gb-x-rp", "en-us", "eo", "es",
            "es-419", "et", "eu", "fa", "fa-latn", "fi", "fr-be", "fr-ch", "fr-fr", "ga", "gd", "gn", "grc", "gu", "hak",
            "hi", "hr", "ht", "hu", "hy", "hyw", "ia", "id", "is", "it", "ja", "jbo", "ka", "kk", "kl", "kn", "ko", "kok",
            "ku", "ky", "la", "lfn", "lt", "lv", "mi", "mk", "ml", "mr", "ms", "mt", "my", "nb", "nci", "ne", "nl", "om",
            "or", "pa", "pap", "pl", "pt", "pt-br", "py", "quc", "ro", "ru", "ru-lv", "sd", "shn", "si", "sk", "sl", "sq",
            "sr", "sv", "sw", "ta", "te", "tn", "tr", "tt", "ur", "uz", "vi", "vi-vn-x-central", "vi-vn-x-south", "yue");

    private static final Map<String, Language> BY_CODE = new HashMap<>();

    static {
        for (int i = 0; i < CODES.size(); i++) {
            BY_CODE.put(CODES.get(i), new Language(CODES.get(i), i));
        }
    }

    public static final Language EN_US = of("en-us");

    public Language {
        if (code == null || id < 0 || id >= CODES.size() || !CODES.get(id).equals(code)) {
            throw new IllegalArgumentException("not a Zonos language: " + code + " / " + id + " (use Language.of)");
        }
    }

    /**
     * The language with this code. Case and '_' versus '-' are forgiven ("EN_us" is en-us); anything else that is
     * not an upstream code is an error naming the nearest valid codes.
     */
    public static Language of(String code) {
        if (code == null || code.isBlank()) {
            throw new InvalidInputException("no language given; use a Zonos language code such as en-us, en-gb, de, fr-fr, es, ja");
        }
        String key = normalise(code);
        Language lang = BY_CODE.get(key);
        if (lang == null) {
            throw new InvalidInputException("unknown language '" + code + "'; nearest Zonos language codes: "
                    + String.join(", ", nearest(key, 6)) + " (" + CODES.size() + " codes in all)");
        }
        return lang;
    }

    /** Every language, in id order. */
    public static List<Language> all() {
        return CODES.stream().map(BY_CODE::get).toList();
    }

    /** Upstream cleans text of languages whose code contains "ja" with its Japanese normaliser instead of numbers. */
    public boolean isJapanese() {
        return code.contains("ja");
    }

    private static String normalise(String code) {
        return code.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Codes sharing the query's base language first, then the closest by edit distance. */
    static List<String> nearest(String query, int limit) {
        String base = query.contains("-") ? query.substring(0, query.indexOf('-')) : query;
        record Scored(String code, int score) {
        }
        List<Scored> scored = new ArrayList<>();
        for (String c : CODES) {
            String cBase = c.contains("-") ? c.substring(0, c.indexOf('-')) : c;
            int score = editDistance(query, c) * 2;
            if (cBase.equals(base)) {
                score -= 100;
            } else if (c.startsWith(query) || query.startsWith(cBase)) {
                score -= 50;
            }
            scored.add(new Scored(c, score));
        }
        scored.sort(Comparator.comparingInt(Scored::score).thenComparing(Scored::code));
        return scored.stream().limit(limit).map(Scored::code).toList();
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
