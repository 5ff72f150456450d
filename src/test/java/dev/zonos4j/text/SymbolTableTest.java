package dev.zonos4j.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zonos4j.TestKits;
import dev.zonos4j.util.Json;
import org.junit.jupiter.api.Test;

class SymbolTableTest {
    @Test
    void tableMatchesTheKit() {
        JsonNode kit = Json.read(TestKits.zonos().resolve("text/symbols.json"));
        for (JsonNode e : kit.get("symbol_to_id")) {
            assertEquals(e.get("id").asInt(), SymbolTable.id(e.get("symbol").asText().codePointAt(0)), e.toString());
        }
        assertEquals(kit.get("embedding_rows").asInt(), SymbolTable.EMBEDDING_ROWS);
        assertEquals(kit.get("symbols_in_order").size(), SymbolTable.symbols().size());
        assertEquals(187, SymbolTable.id('\''));
    }

    @Test
    void oneIdPerCodePointAndUnknownsAreCounted() {
        PhonemeTokens t = SymbolTable.tokenize("ə\u0303 \uD83D\uDE00ə1\u0303");
        assertArrayEquals(new int[] {2, 94, 1, 21, 1, 94, 1, 1, 3}, t.ids());
        assertEquals(4, t.unknownCount());
        assertEquals("\u0303\uD83D\uDE001", t.unknownSymbols());
        assertEquals("U+0303 (◌\u0303), U+1F600 (\uD83D\uDE00), U+0031 (1)", t.describeUnknown());
    }

    @Test
    void emptyPhonemesAreJustBosEos() {
        PhonemeTokens t = SymbolTable.tokenize("");
        assertArrayEquals(new int[] {SymbolTable.BOS, SymbolTable.EOS}, t.ids());
        assertEquals(0, t.unknownCount());
    }
}
