package dev.zonos4j.text;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.zonos4j.util.ZonosException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * libespeak-ng through the FFM API, called the way phonemizer's eSpeak wrapper calls it. eSpeak keeps its state in
 * globals and is not thread-safe, so there is one instance per process and every call holds its lock.
 */
@SuppressWarnings("restricted")
final class Espeak {
    /** Library names tried in order after the {@code ZONOS_ESPEAK_LIBRARY}/{@code PHONEMIZER_ESPEAK_LIBRARY} paths. */
    private static final List<String> LIBRARY_NAMES = List.of("libespeak-ng.so.1", "libespeak-ng.so",
            "/opt/homebrew/lib/libespeak-ng.dylib", "/usr/local/lib/libespeak-ng.dylib", "libespeak-ng.1.dylib",
            "libespeak-ng.dylib", "libespeak-ng.dll", "espeak-ng");
    private static final int AUDIO_OUTPUT_SYNCHRONOUS = 0x02;
    private static final int TEXT_MODE_UTF8 = 1;
    /** IPA output, phonemes separated by '_' (phonemizer removes the separators afterwards). */
    private static final int PHONEME_MODE = ('_' << 8) | 0x02;

    private static Espeak instance;

    private final String libraryName;
    private final MethodHandle setVoiceByName;
    private final MethodHandle textToPhonemes;
    private final Map<String, String> voiceByLanguage;
    private String currentVoice;

    /** The process-wide instance, loaded and initialised on first use. */
    static synchronized Espeak get() {
        if (instance == null) {
            instance = load(candidates());
        }
        return instance;
    }

    private Espeak(String libraryName, SymbolLookup lib) throws Throwable {
        Linker linker = Linker.nativeLinker();
        this.libraryName = libraryName;
        MethodHandle initialize = linker.downcallHandle(symbol(lib, "espeak_Initialize"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
        MethodHandle listVoices = linker.downcallHandle(symbol(lib, "espeak_ListVoices"),
                FunctionDescriptor.of(ADDRESS, ADDRESS));
        setVoiceByName = linker.downcallHandle(symbol(lib, "espeak_SetVoiceByName"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS));
        textToPhonemes = linker.downcallHandle(symbol(lib, "espeak_TextToPhonemes"),
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, JAVA_INT));
        int rate = (int) initialize.invokeExact(AUDIO_OUTPUT_SYNCHRONOUS, 0, MemorySegment.NULL, 0);
        if (rate <= 0) {
            throw new ZonosException("eSpeak NG (" + libraryName + ") failed to initialise (espeak_Initialize returned "
                    + rate + "); is its data installed (espeak-ng-data)?");
        }
        voiceByLanguage = listVoices(listVoices);
    }

    private static MemorySegment symbol(SymbolLookup lib, String name) {
        return lib.find(name).orElseThrow(() -> new ZonosException("the eSpeak library has no function " + name
                + "; eSpeak NG 1.49 or newer is required (apt install espeak-ng, brew install espeak-ng)"));
    }

    /** The library paths named by the environment, then the usual names on Linux, macOS and Windows. */
    private static List<String> candidates() {
        List<String> candidates = new ArrayList<>();
        for (String env : List.of("ZONOS_ESPEAK_LIBRARY", "PHONEMIZER_ESPEAK_LIBRARY")) {
            String path = System.getenv(env);
            if (path != null && !path.isBlank()) {
                if (!Files.isReadable(Path.of(path))) {
                    throw new ZonosException(env + " is set to " + path + ", which is not a readable file");
                }
                candidates.add(path);
            }
        }
        candidates.addAll(LIBRARY_NAMES);
        return candidates;
    }

    /** Loads and initialises the first candidate that opens. */
    static Espeak load(List<String> candidates) {
        for (String name : candidates) {
            SymbolLookup lib;
            try {
                lib = SymbolLookup.libraryLookup(name, Arena.global());
            } catch (IllegalArgumentException | IllegalCallerException e) {
                continue;
            }
            try {
                return new Espeak(name, lib);
            } catch (ZonosException e) {
                throw e;
            } catch (Throwable e) {
                throw new ZonosException("calling eSpeak NG (" + name + ") failed: " + e, e);
            }
        }
        throw new ZonosException("eSpeak NG was not found (tried " + String.join(", ", candidates) + "). "
                + "Zonos needs it to turn text into phonemes: install it with `apt install espeak-ng` (Debian/Ubuntu) "
                + "or `brew install espeak-ng` (macOS), or set ZONOS_ESPEAK_LIBRARY to the path of libespeak-ng.");
    }

    /** Language of each voice (the first entry of its language list) to its identifier; the first voice wins. */
    private static Map<String, String> listVoices(MethodHandle listVoices) throws Throwable {
        MemorySegment array = ((MemorySegment) listVoices.invokeExact(MemorySegment.NULL)).reinterpret(Long.MAX_VALUE);
        Map<String, String> out = new HashMap<>();
        for (long i = 0; ; i++) {
            MemorySegment voice = array.getAtIndex(ADDRESS, i);
            if (voice.equals(MemorySegment.NULL)) {
                break;
            }
            // espeak_VOICE: const char *name, *languages, *identifier; languages starts with a priority byte
            voice = voice.reinterpret(3 * ADDRESS.byteSize());
            String language = cString(voice.get(ADDRESS, ADDRESS.byteSize()), 1);
            String identifier = cString(voice.get(ADDRESS, 2 * ADDRESS.byteSize()), 0);
            out.putIfAbsent(language, identifier);
        }
        return Map.copyOf(out);
    }

    private static String cString(MemorySegment p, long offset) {
        return p.equals(MemorySegment.NULL) ? "" : p.reinterpret(Long.MAX_VALUE).getString(offset, StandardCharsets.UTF_8);
    }

    String libraryName() {
        return libraryName;
    }

    /** The voice phonemizer would pick for this eSpeak language code, or null when eSpeak has none. */
    String voiceFor(String languageCode) {
        return voiceByLanguage.get(languageCode);
    }

    /**
     * eSpeak's IPA for {@code text} with the voice {@code voice}: espeak_TextToPhonemes called until the text pointer
     * becomes NULL, the non-empty pieces joined with ' ' (phonemes separated by '_').
     */
    synchronized String textToPhonemes(String voice, String text) {
        try (Arena arena = Arena.ofConfined()) {
            if (!voice.equals(currentVoice)) {
                int status = (int) setVoiceByName.invokeExact(arena.allocateFrom(voice, StandardCharsets.UTF_8));
                if (status != 0) {
                    throw new ZonosException("eSpeak NG could not load the voice " + voice + " (error " + status + ")");
                }
                currentVoice = voice;
            }
            MemorySegment textPtr = arena.allocate(ADDRESS);
            textPtr.set(ADDRESS, 0, arena.allocateFrom(text, StandardCharsets.UTF_8));
            StringBuilder out = new StringBuilder();
            while (!textPtr.get(ADDRESS, 0).equals(MemorySegment.NULL)) {
                MemorySegment result = (MemorySegment) textToPhonemes.invokeExact(textPtr, TEXT_MODE_UTF8, PHONEME_MODE);
                String piece = cString(result, 0);
                if (!piece.isEmpty()) {
                    out.append(out.isEmpty() ? "" : " ").append(piece);
                }
            }
            return out.toString();
        } catch (ZonosException e) {
            throw e;
        } catch (Throwable e) {
            throw new ZonosException("eSpeak NG failed on \"" + text + "\": " + e, e);
        }
    }
}
