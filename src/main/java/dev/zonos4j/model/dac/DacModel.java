package dev.zonos4j.model.dac;

import dev.zonos4j.audio.Resampler;
import dev.zonos4j.tensor.ConvPrecision;
import dev.zonos4j.tensor.Signal;
import dev.zonos4j.util.InvalidInputException;
import dev.zonos4j.util.ZonosException;
import dev.zonos4j.weights.SafeTensorsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The DAC 44.1 kHz codec (transformers {@code DacModel} layout): codes ↔ waveform.
 *
 * <p>Thread-safe: every call borrows its own reusable {@link Workspace}. Long inputs run in chunks whose windows are
 * planned from the layers' reach, so memory stays bounded and the result equals a one-shot run bit for bit.
 */
public final class DacModel {
    /** Code frames per decode chunk (about 0.74 s of audio). */
    public static final int DEFAULT_CHUNK_FRAMES = 64;
    /** Latent frames per encode chunk. */
    static final int ENCODE_CHUNK_FRAMES = 64;

    private final DacConfig config;
    private final DacEncoder encoder;
    private final ResidualVectorQuantizer quantizer;
    private final DacDecoder decoder;
    private final int contextBefore;
    private final int contextAfter;
    private final int foldedConvs;
    private final ConcurrentLinkedQueue<Workspace> workspaces = new ConcurrentLinkedQueue<>();

    private final ConvPrecision precision;

    private DacModel(DacConfig config, WeightSource ckpt, ConvPrecision precision) {
        this.config = config;
        this.precision = precision;
        Layers layers = new Layers(ckpt, precision);
        this.encoder = new DacEncoder(config, layers);
        this.quantizer = new ResidualVectorQuantizer(config, ckpt);
        this.decoder = new DacDecoder(config, layers);
        ckpt.finish();
        this.foldedConvs = ckpt.foldedConvs();
        // the decoder's reach in code frames, measured on a long sequence far from both ends
        int far = 4096;
        int hop = config.hopLength();
        Span frames = decoder.needs(new Span(far * hop, (far + 1) * hop), 2 * far);
        this.contextBefore = far - frames.start();
        this.contextAfter = frames.end() - (far + 1);
    }

    /** Loads {@code config.json} and {@code model.safetensors} from a folder. */
    public static DacModel load(Path dir) {
        return load(dir, ConvPrecision.F32);
    }

    /** {@link #load(Path)} with the convolutions in {@code precision}. */
    public static DacModel load(Path dir, ConvPrecision precision) {
        if (!Files.isDirectory(dir)) {
            throw new ZonosException(dir + ": codec folder not found (expected config.json and model.safetensors)");
        }
        for (String f : new String[] {"config.json", "model.safetensors"}) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                throw new ZonosException(dir + ": not a DAC codec folder: " + f + " is missing"
                        + " (expected the descript/dac_44khz files config.json and model.safetensors)");
            }
        }
        DacConfig config = DacConfig.load(dir.resolve("config.json"));
        return new DacModel(config, DacCheckpoint.open(dir.resolve("model.safetensors")), precision);
    }

    /** Loads a config and a weights file (plain {@code weight} or {@code weight_g}/{@code weight_v} convolutions). */
    public static DacModel load(Path configJson, Path weights) {
        DacConfig config = DacConfig.load(configJson);
        return new DacModel(config, DacCheckpoint.open(weights), ConvPrecision.F32);
    }

    /** A codec of the given sizes with seeded random weights (benchmarks at the real size). */
    public static DacModel random(DacConfig config, long seed) {
        return random(config, seed, ConvPrecision.F32);
    }

    /** {@link #random(DacConfig, long)} with the convolutions in {@code precision}. */
    public static DacModel random(DacConfig config, long seed, ConvPrecision precision) {
        return new DacModel(config, new RandomWeights(seed), precision);
    }

    /**
     * Writes a codec folder with seeded random weights in the published layout (transformers {@code DacModel},
     * folded {@code weight}s): {@code config.json} and {@code model.safetensors}. For timing the same weights here
     * and in the upstream code.
     */
    public static void writeRandom(DacConfig config, long seed, Path dir) {
        RecordingWeights rec = new RecordingWeights(new RandomWeights(seed));
        new DacModel(config, rec, ConvPrecision.F32);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("config.json"), config.toJson());
        } catch (IOException e) {
            throw new ZonosException("cannot write " + dir + ": " + e.getMessage(), e);
        }
        SafeTensorsWriter w = new SafeTensorsWriter().metadata("format", "pt");
        rec.tensors().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            long[] shape = Arrays.stream(e.getValue().shape()).asLongStream().toArray();
            w.addF32(e.getKey(), shape, e.getValue().values());
        });
        w.write(dir.resolve("model.safetensors"));
    }

    /** The arithmetic of the convolutions. */
    public ConvPrecision precision() {
        return precision;
    }

    public DacConfig config() {
        return config;
    }

    public int sampleRate() {
        return config.samplingRate();
    }

    public int hopLength() {
        return config.hopLength();
    }

    public int codebooks() {
        return config.nCodebooks();
    }

    /** Number of convolutions whose weight norm was folded at load (0 for an already-folded checkpoint). */
    public int foldedConvs() {
        return foldedConvs;
    }

    /** Code frames of context the decoder reads before a frame's own samples (its left reach). */
    public int contextBefore() {
        return contextBefore;
    }

    /** Code frames of lookahead a frame's samples need before they are final (the right reach). */
    public int contextAfter() {
        return contextAfter;
    }

    /** Decoder multiply-adds for {@code frames} frames decoded in one window (FLOP = 2 × this). */
    public long decoderMacs(int frames) {
        return decoder.macs(frames);
    }

    /** Encoder multiply-adds for {@code samples} input samples in one window. */
    public long encoderMacs(int samples) {
        return encoder.macs(samples);
    }

    /** A streaming decoder writing to {@code sink}, decoding {@code chunkFrames} frames at a time. */
    public StreamingDecoder streamingDecoder(AudioSink sink, int chunkFrames) {
        return new StreamingDecoder(this, sink, chunkFrames);
    }

    public StreamingDecoder streamingDecoder(AudioSink sink) {
        return streamingDecoder(sink, DEFAULT_CHUNK_FRAMES);
    }

    /** CPU time (all threads) and multiply-adds per decoder stage, summed over the chunks of a decode (benchmarks). */
    public record StageTimes(String[] labels, long[] macs, long[] nanos) {
    }

    /** Decodes {@code codes} in chunks like {@link #decode(int[][])} while timing every decoder stage. */
    public StageTimes decodeProfiled(int[][] codes, int chunkFrames) {
        int frames = checkCodes(codes);
        int n = decoder.stages();
        long[] nanos = new long[n];
        long[] macs = new long[n];
        try (StreamingDecoder s = streamingDecoder((buf, off, len) -> { }, chunkFrames)) {
            s.profile(nanos, macs);
            s.accept(codes, 0, frames);
            s.finish();
        }
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            labels[i] = decoder.label(i);
        }
        return new StageTimes(labels, macs, nanos);
    }

    /** Decodes codes {@code [nCodebooks][T]} to exactly {@code hop·T} samples in [-1, 1]. */
    public float[] decode(int[][] codes) {
        int frames = checkCodes(codes);
        float[] out = new float[Math.multiplyExact(frames, hopLength())];
        int[] pos = {0};
        StreamingDecoder s = streamingDecoder((buf, off, len) -> {
            System.arraycopy(buf, off, out, pos[0], len);
            pos[0] += len;
        });
        s.accept(codes, 0, frames);
        s.finish();
        s.close();
        return out;
    }

    /**
     * Decodes all of {@code codes} in one window, reporting the latent ({@code codebook_latents},
     * {@code quantized_representation}), the decoder's intermediate outputs and {@code audio_values} to
     * {@code probe}. Memory grows with the length: for checks, not for long inputs.
     */
    public float[] decode(int[][] codes, Probe probe) {
        int frames = checkCodes(codes);
        Workspace ws = borrow();
        try {
            float[] lookups = new float[codebooks() * config.codebookDim() * frames];
            Signal z = ws.spare().shape(config.hiddenSize(), 0, frames);
            quantizer.decode(codes, 0, z, lookups);
            probe.record("codebook_latents",
                    new Signal().shape(codebooks() * config.codebookDim(), 0, frames).fill(lookups));
            probe.record("quantized_representation", z);
            Signal y = decoder.run(z, new Span(0, frames * hopLength()), frames, ws, probe);
            probe.record("audio_values", y);
            return y.toArray();
        } finally {
            release(ws);
        }
    }

    /**
     * Decodes a latent {@code z [hidden][frames]} directly (what {@code DacModel.forward} does with the quantized
     * representation of an encode), in one window.
     */
    public float[] decodeLatent(float[] z, int frames) {
        Workspace ws = borrow();
        try {
            Signal zs = ws.spare().shape(config.hiddenSize(), 0, frames).fill(z);
            return decoder.run(zs, new Span(0, frames * hopLength()), frames, ws, null).toArray();
        } finally {
            release(ws);
        }
    }

    /**
     * Decodes output frames {@code [e0, e1)} of a sequence of which the frames {@code [w0, w1)} are present in
     * {@code codes} starting at column {@code column}; {@code w0}/{@code w1} must be the true ends or lie at least
     * {@link #contextBefore()}/{@link #contextAfter()} frames away. Hands the samples to {@code sink} in order.
     */
    void decodeWindow(int[][] codes, int column, int w0, int w1, int e0, int e1, Workspace ws, AudioSink sink) {
        int frames = w1 - w0;
        int hop = hopLength();
        Span out = new Span((e0 - w0) * hop, (e1 - w0) * hop);
        Span need = decoder.needs(out, frames);
        Signal z = ws.spare().shape(config.hiddenSize(), need.start(), need.length());
        quantizer.decode(codes, column + need.start(), z, null);
        decoder.stream(z, out, frames, ws, sink);
    }

    /**
     * Encodes 44.1 kHz mono audio (right-padded with zeros to a multiple of the hop length) to codes
     * {@code [nCodebooks][ceil(N/hop)]}.
     */
    public int[][] encode(float[] audio) {
        return encode(audio, null, null);
    }

    /**
     * The Zonos preprocessing, then {@link #encode(float[])}: mono audio at {@code sampleRate} is resampled to the
     * codec's rate as {@code torchaudio.functional.resample} does (skipped when the rates agree).
     */
    public int[][] encode(float[] audio, int sampleRate) {
        return encode(toCodecRate(audio, sampleRate));
    }

    /** Mono audio at {@code sampleRate} resampled to the codec's rate (the functional torchaudio kernel). */
    public float[] toCodecRate(float[] audio, int sampleRate) {
        if (sampleRate == sampleRate()) {
            return audio;
        }
        return Resampler.of(sampleRate, sampleRate(), Resampler.Variant.FUNCTIONAL).resample(audio);
    }

    /**
     * Encodes in one window, reporting {@code padded_input_values}, the encoder's intermediate outputs,
     * {@code encoder_output}, {@code projected_latents}, {@code debug.rvq.residual_inputs.i},
     * {@code debug.rvq.quantized_outputs.i}, {@code code_margins} (per stage and frame, the best codebook score
     * minus the runner-up's) and {@code quantized_representation} to {@code probe}.
     */
    public int[][] encode(float[] audio, Probe probe) {
        return encode(audio, probe, new ResidualVectorQuantizer.Trace());
    }

    private int[][] encode(float[] audio, Probe probe, ResidualVectorQuantizer.Trace trace) {
        if (audio.length == 0) {
            throw new InvalidInputException("cannot encode empty audio");
        }
        int hop = hopLength();
        int samples = Math.multiplyExact(Math.ceilDiv(audio.length, hop), hop);
        int frames = encoder.outLength(samples);
        int[][] codes = new int[codebooks()][frames];
        int chunk = probe != null ? frames : ENCODE_CHUNK_FRAMES;
        Workspace ws = borrow();
        try {
            for (int f0 = 0; f0 < frames; f0 += chunk) {
                Span out = new Span(f0, Math.min(frames, f0 + chunk));
                Span need = encoder.needs(out, samples);
                Signal x = ws.spare().shape(1, need.start(), need.length());
                float[] xd = x.data();
                int base = x.index(0, need.start());
                int copy = Math.max(0, Math.min(need.end(), audio.length) - need.start());
                System.arraycopy(audio, need.start(), xd, base, copy);
                Arrays.fill(xd, base + copy, base + need.length(), 0f);
                if (probe != null) {
                    probe.record("padded_input_values", x);
                }
                Signal latent = encoder.run(x, out, samples, ws, probe);
                Signal z = ws.spare(latent).shape(config.hiddenSize(), out.start(), out.length());
                if (trace != null) {
                    trace.projectedLatents = new float[codebooks() * config.codebookDim() * out.length()];
                    trace.residualInputs = new float[codebooks()][];
                    trace.quantizedOutputs = new float[codebooks()][];
                    trace.codeMargins = new float[codebooks() * out.length()];
                }
                quantizer.encode(latent, z, codes, out.start(), trace);
                if (probe != null) {
                    reportTrace(probe, trace, out);
                    probe.record("quantized_representation", z);
                }
            }
        } finally {
            release(ws);
        }
        return codes;
    }

    private void reportTrace(Probe probe, ResidualVectorQuantizer.Trace trace, Span frames) {
        int dims = codebooks() * config.codebookDim();
        probe.record("projected_latents", new Signal().shape(dims, frames.start(), frames.length()).fill(trace.projectedLatents));
        probe.record("code_margins", new Signal().shape(codebooks(), frames.start(), frames.length()).fill(trace.codeMargins));
        for (int i = 0; i < codebooks(); i++) {
            probe.record("debug.rvq.residual_inputs." + i,
                    new Signal().shape(config.hiddenSize(), frames.start(), frames.length()).fill(trace.residualInputs[i]));
            probe.record("debug.rvq.quantized_outputs." + i,
                    new Signal().shape(config.hiddenSize(), frames.start(), frames.length()).fill(trace.quantizedOutputs[i]));
        }
    }

    /** Checks codes are {@code [nCodebooks][T]} with T ≥ 1 and entries in range; returns T. */
    int checkCodes(int[][] codes) {
        if (codes.length != codebooks()) {
            throw new InvalidInputException("codes have " + codes.length + " codebooks, the codec expects " + codebooks());
        }
        int frames = codes[0].length;
        for (int i = 0; i < codes.length; i++) {
            if (codes[i].length != frames) {
                throw new InvalidInputException("codebook " + i + " has " + codes[i].length + " frames, codebook 0 has " + frames);
            }
            for (int t = 0; t < frames; t++) {
                if (codes[i][t] < 0 || codes[i][t] >= config.codebookSize()) {
                    throw new InvalidInputException("code " + codes[i][t] + " at codebook " + i + ", frame " + t
                            + " is outside [0, " + config.codebookSize() + ")");
                }
            }
        }
        return frames;
    }

    Workspace borrow() {
        Workspace ws = workspaces.poll();
        return ws != null ? ws : new Workspace();
    }

    void release(Workspace ws) {
        workspaces.offer(ws);
    }
}
