package dev.zonos4j.cli;

import dev.zonos4j.text.Language;
import dev.zonos4j.text.PreparedText;
import dev.zonos4j.text.TextCleanup;
import dev.zonos4j.text.TextFrontEnd;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zonos phonemize}: the normalised text, phonemes and token ids the model reads for a text. */
@Command(name = "phonemize", mixinStandardHelpOptions = true,
        description = "Print the phonemes and token ids Zonos reads for a text (normalised and phonemized exactly as upstream).")
final class PhonemizeCommand implements Callable<Integer> {

    @Option(names = {"-l", "--lang"}, defaultValue = "en-us", description = "Language code (default: ${DEFAULT-VALUE}).")
    String lang;

    @Option(names = "--cleanup", description = "Apply the long-form clean-up first (quotes, dashes, spaces), as `segment` does.")
    boolean cleanup;

    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "The text (several arguments are joined with spaces).")
    List<String> words;

    @Override
    public Integer call() {
        Language language = Language.of(lang);
        String text = String.join(" ", words);
        if (cleanup) {
            text = TextCleanup.apply(text);
        }
        TextFrontEnd frontEnd = TextFrontEnd.shared();
        PreparedText p = frontEnd.prepare(text, language);
        PrintWriter out = CliText.out();
        out.printf("language  %s (id %d, eSpeak voice %s)%n", language.code(), language.id(), frontEnd.espeakVoice(language));
        out.printf("clean     %s%n", p.clean());
        out.printf("phonemes  %s%n", p.phonemes());
        out.printf("tokens    %s (%d)%n", Arrays.toString(p.tokenIds()), p.tokenIds().length);
        out.flush();
        p.unknownSymbolWarning().ifPresent(w -> CliText.err().println("warning: " + w));
        return 0;
    }
}
