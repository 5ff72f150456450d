package dev.zonos4j.audio;

import java.util.Arrays;

/**
 * The start of a clip holding at most a given amount of detected speech: how a reference clip of minutes or hours
 * is bounded before the speaker network sees it (its time and activation memory grow with the clip's length, while
 * a speaker's embedding settles within tens of seconds of speech).
 *
 * @param clip          the window (the clip itself when it holds no more speech than the limit)
 * @param cut           whether the clip was shortened
 * @param speechSeconds detected speech in the window
 * @param sourceSeconds the whole clip's length
 */
public record SpeechWindow(AudioClip clip, boolean cut, double speechSeconds, double sourceSeconds) {

    /** Upstream suggests 10 to 30 s of speech; twice the upper end leaves room and keeps the cost bounded. */
    public static final double DEFAULT_MAX_SPEECH_SECONDS = 60;

    /** The clip from its start up to where {@code maxSpeechSeconds} of speech have been heard. */
    public static SpeechWindow firstSpeech(AudioClip clip, double maxSpeechSeconds) {
        if (!(maxSpeechSeconds > 0) || Double.isInfinite(maxSpeechSeconds)) {
            throw new IllegalArgumentException("the reference speech window must be a number of seconds > 0, got "
                    + maxSpeechSeconds);
        }
        boolean[] speech = VoiceActivity.detect(clip.mono(), clip.sampleRate()).speech();
        int hop = Math.max(1, (int) Math.round(VoiceActivity.HOP_SECONDS * clip.sampleRate()));
        int window = Math.max(hop, (int) Math.round(VoiceActivity.WINDOW_SECONDS * clip.sampleRate()));
        // Speech is counted as VoiceActivity.speechSeconds counts it: each run as its hops less the window's overhang.
        double overhang = VoiceActivity.WINDOW_SECONDS - VoiceActivity.HOP_SECONDS;
        double finished = 0;
        double heard = 0;
        int run = 0;
        for (int i = 0; i < speech.length; i++) {
            if (!speech[i]) {
                finished = heard;
                run = 0;
                continue;
            }
            run++;
            heard = finished + Math.max(VoiceActivity.HOP_SECONDS, run * VoiceActivity.HOP_SECONDS - overhang);
            if (heard >= maxSpeechSeconds - 1e-9) {
                int end = Math.min(clip.frames(), i * hop + window);
                if (end >= clip.frames()) {
                    break;
                }
                float[][] channels = new float[clip.channelCount()][];
                for (int c = 0; c < channels.length; c++) {
                    channels[c] = Arrays.copyOf(clip.channels()[c], end);
                }
                return new SpeechWindow(new AudioClip(channels, clip.sampleRate()), true, heard, clip.seconds());
            }
        }
        return new SpeechWindow(clip, false, heard, clip.seconds());
    }
}
