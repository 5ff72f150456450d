package dev.zonos4j.golden;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zonos4j.text.Language;
import dev.zonos4j.text.PreparedText;
import dev.zonos4j.text.SymbolTable;
import dev.zonos4j.text.TextFrontEnd;
import dev.zonos4j.util.Json;
import dev.zonos4j.util.ZonosException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The text front end against {@code text/frontend.jsonl} of a Zonos kit: one case per line (named by line number
 * and language), each comparing {@code clean}, {@code phonemes} and {@code token_ids} exactly. Cases for the kit's
 * symbol table, language list and eSpeak voice choice check ours against upstream's, when those files are present.
 */
public final class TextGolden implements GoldenComponent {

    @Override
    public String name() {
        return "text";
    }

    @Override
    public Kit kit() {
        return Kit.ZONOS;
    }

    @Override
    public List<GoldenCase> cases(Path kitDir) throws IOException {
        Path dir = kitDir.resolve("text");
        List<GoldenCase> cases = new ArrayList<>();
        Path frontend = dir.resolve("frontend.jsonl");
        if (Files.isRegularFile(frontend)) {
            List<String> lines = Files.readAllLines(frontend, StandardCharsets.UTF_8);
            int width = Integer.toString(lines.size()).length();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                int line = i;
                JsonNode row = Json.MAPPER.readTree(lines.get(i));
                String name = String.format("line%0" + width + "d_%s", line + 1, field(row, "lang", frontend, line));
                cases.add(golden(name, r -> checkLine(r, row, frontend, line)));
            }
        }
        if (Files.isRegularFile(dir.resolve("symbols.json"))) {
            cases.add(golden("symbols.json", r -> checkSymbols(r, Json.read(dir.resolve("symbols.json")))));
        }
        if (Files.isRegularFile(dir.resolve("languages.json"))) {
            cases.add(golden("languages.json", r -> checkLanguages(r, Json.read(dir.resolve("languages.json")))));
        }
        if (Files.isRegularFile(dir.resolve("espeak_voices.json"))) {
            cases.add(golden("espeak_voices.json", r -> checkVoices(r, Json.read(dir.resolve("espeak_voices.json")))));
        }
        return cases;
    }

    private static void checkLine(GoldenReport r, JsonNode row, Path file, int index) {
        Language lang = Language.of(field(row, "lang", file, index));
        String text = field(row, "text", file, index);
        r.equal("clean", field(row, "clean", file, index), TextFrontEnd.clean(text, lang));
        PreparedText p = TextFrontEnd.shared().prepare(text, lang);
        r.equal("phonemes", field(row, "phonemes", file, index), p.phonemes());
        JsonNode ids = row.get("token_ids");
        if (ids == null || !ids.isArray()) {
            throw new ZonosException(file + " line " + (index + 1) + ": no token_ids array");
        }
        long[] expected = new long[ids.size()];
        for (int k = 0; k < expected.length; k++) {
            expected[k] = ids.get(k).asLong();
        }
        r.exact("token_ids", expected, p.tokenIds());
    }

    private static void checkSymbols(GoldenReport r, JsonNode symbols) {
        JsonNode table = symbols.get("symbol_to_id");
        long[] expected = new long[table.size()];
        int[] actual = new int[table.size()];
        for (int k = 0; k < expected.length; k++) {
            expected[k] = table.get(k).get("id").asLong();
            actual[k] = SymbolTable.id(table.get(k).get("symbol").asText().codePointAt(0));
        }
        r.exact("symbol_to_id", expected, actual);
        r.exact("embedding_rows", new long[] {symbols.get("embedding_rows").asLong()}, new int[] {SymbolTable.EMBEDDING_ROWS});
        r.equal("punctuation_marks", symbols.get("punctuation_marks").asText(), SymbolTable.PUNCTUATION);
    }

    private static void checkLanguages(GoldenReport r, JsonNode languages) {
        StringBuilder expected = new StringBuilder();
        languages.get("codes").forEach(c -> expected.append(c.asText()).append(' '));
        StringBuilder actual = new StringBuilder();
        Language.all().forEach(l -> actual.append(l.code()).append(' '));
        r.equal("codes (language_id = index)", expected.toString().strip(), actual.toString().strip());
    }

    private static void checkVoices(GoldenReport r, JsonNode voices) {
        voices.get("voices").properties().forEach(e -> r.equal("voice " + e.getKey(),
                e.getValue().get("identifier").asText(), TextFrontEnd.shared().espeakVoice(Language.of(e.getKey()))));
    }

    private static String field(JsonNode row, String key, Path file, int index) {
        JsonNode v = row.get(key);
        if (v == null || !v.isTextual()) {
            throw new ZonosException(file + " line " + (index + 1) + ": no text field '" + key + "'");
        }
        return v.asText();
    }

    private interface Body {
        void run(GoldenReport r);
    }

    private static GoldenCase golden(String name, Body body) {
        return new GoldenCase() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void run(GoldenReport report) {
                body.run(report);
            }
        };
    }
}
