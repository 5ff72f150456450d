/**
 * Text front end: what Zonos hears, and how a long text is cut into pieces it can speak.
 *
 * <p>The engine uses three calls, all on {@link dev.zonos4j.text.TextFrontEnd#shared()}:
 * <pre>
 * Language lang = Language.of("en-us");                       // unknown code: InvalidInputException naming the nearest
 * List&lt;Segment&gt; segs = frontEnd.segment(text, lang, budget);  // or segment(text, lang) with DEFAULT_BUDGET
 * PreparedText p = frontEnd.prepare(seg.text(), lang);        // p.tokenIds() for the phoneme embedding, lang.id()
 * </pre>
 * {@code prepare} reproduces upstream Zonos exactly (checked line by line by {@code TextGolden}): English number
 * words for every language but Japanese, eSpeak NG IPA through phonemizer 3.3.0's rules (every word phonemized on
 * its own, punctuation and its spaces put back, stress marks and language-switch flags kept), one symbol id per
 * code point with BOS/EOS. {@code segment} is the long-form path: sentence splitting, packing by phoneme count,
 * and {@link dev.zonos4j.text.TextCleanup} on each segment's text; spans point into the text as given.
 *
 * <p>Where we differ from upstream, on purpose: Japanese is refused (upstream needs the sudachipy dictionary);
 * integers of more than 36 digits are read digit by digit and a stray comma in a dollar amount ("$,5") is ignored
 * (upstream raises in both cases); the empty text is an error (upstream raises an IndexError).
 */
package dev.zonos4j.text;
