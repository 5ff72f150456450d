package dev.zonos4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.util.ZonosException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EspeakTest {
    @Test
    void aMissingLibrarySaysHowToInstallIt() {
        String msg = assertThrows(ZonosException.class, () -> Espeak.load(List.of("libno-such-espeak.so.9")))
                .getMessage();
        assertTrue(msg.contains("eSpeak NG was not found") && msg.contains("apt install espeak-ng")
                && msg.contains("brew install espeak-ng") && msg.contains("libno-such-espeak.so.9"), msg);
    }

    @Test
    void aLibraryThatIsNotEspeakIsNamedAsSuch() {
        String msg = assertThrows(ZonosException.class, () -> Espeak.load(List.of("libc.so.6"))).getMessage();
        assertTrue(msg.contains("no function espeak_"), msg);
    }

    @Test
    void rawOutputUsesUnderscoreSeparatorsAndVoicesFollowPhonemizersChoice() {
        Espeak e = Espeak.get();
        assertEquals("h_ə_l_ˈoʊ", e.textToPhonemes("gmw/en-US", "Hello"));
        assertEquals("roa/fr", e.voiceFor("fr-fr"));
        assertEquals("gmw/en", e.voiceFor("en-gb"));
        for (Language l : Language.all()) {
            assertTrue(e.voiceFor(l.code()) != null, "no eSpeak voice for " + l.code());
        }
    }
}
