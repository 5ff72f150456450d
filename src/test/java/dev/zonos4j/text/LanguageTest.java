package dev.zonos4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zonos4j.TestKits;
import dev.zonos4j.util.InvalidInputException;
import dev.zonos4j.util.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LanguageTest {
    @Test
    void idsAreTheIndexInTheKitsList() {
        JsonNode codes = Json.read(TestKits.zonos().resolve("text/languages.json")).get("codes");
        List<String> expected = new ArrayList<>();
        codes.forEach(c -> expected.add(c.asText()));
        assertEquals(expected, Language.all().stream().map(Language::code).toList());
        assertEquals(24, Language.of("en-us").id());
        assertEquals(19, Language.of("en-gb").id());
        assertEquals(16, Language.of("de").id());
        assertEquals(35, Language.of("fr-fr").id());
        assertEquals(26, Language.of("es").id());
    }

    @Test
    void caseAndUnderscoreAreForgiven() {
        assertEquals(Language.EN_US, Language.of(" EN_us "));
        assertEquals("pt-br", Language.of("pt_BR").code());
    }

    @Test
    void anUnknownCodeListsTheNearestOnes() {
        String en = assertThrows(InvalidInputException.class, () -> Language.of("en")).getMessage();
        assertTrue(en.contains("unknown language 'en'") && en.contains("en-us") && en.contains("en-gb"), en);
        String fr = assertThrows(InvalidInputException.class, () -> Language.of("fr")).getMessage();
        assertTrue(fr.contains("fr-fr") && fr.contains("fr-be"), fr);
        String typo = assertThrows(InvalidInputException.class, () -> Language.of("en-uk")).getMessage();
        assertTrue(typo.contains("en-us") && typo.contains("en-gb"), typo);
        String german = assertThrows(InvalidInputException.class, () -> Language.of("de-de")).getMessage();
        assertTrue(german.contains(": de,") , german);
        assertThrows(InvalidInputException.class, () -> Language.of(""));
    }

    @Test
    void aLanguageIsOnlyACodeWithItsOwnIndex() {
        assertEquals("af", new Language("af", 0).code());
        List<Language> all = Language.all();
        Language last = all.getLast();
        assertEquals(last, new Language("yue", all.size() - 1));
        assertThrows(IllegalArgumentException.class, () -> new Language("en-us", 23));
        assertThrows(IllegalArgumentException.class, () -> new Language("af", -1));
        assertThrows(IllegalArgumentException.class, () -> new Language("yue", all.size()));
        assertThrows(IllegalArgumentException.class, () -> new Language(null, 0));
    }

    @Test
    void nearestCodesAreRankedByBaseThenEditDistance() {
        // No code shares a base or prefix with "hx": the five two-letter codes one edit away come first, by name.
        assertEquals(List.of("hi", "hr", "ht", "hu", "hy"), Language.nearest("hx", 5));
        // "frr" starts with the base "fr": French variants first, the one two insertions away before the others.
        assertEquals(List.of("fr-fr", "fr-be", "fr-ch"), Language.nearest("frr", 3));
        // "pt-pt" shares the base "pt" with pt-br (two edits away) and pt (three).
        assertEquals(List.of("pt-br", "pt"), Language.nearest("pt-pt", 2));
        // A query that is a prefix of a code ("vi-v") ranks that code's family ahead of unrelated near codes.
        assertEquals("vi", Language.nearest("vi-vn", 1).getFirst());
    }
}
