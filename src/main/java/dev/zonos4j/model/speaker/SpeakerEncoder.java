package dev.zonos4j.model.speaker;

import dev.zonos4j.audio.LogMelFilterbank;
import dev.zonos4j.audio.Resampler;
import dev.zonos4j.util.InvalidInputException;
import dev.zonos4j.weights.Tensor;
import dev.zonos4j.weights.TorchCheckpoint;
import dev.zonos4j.weights.WeightsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Zonos' speaker encoder ({@code SpeakerEmbeddingLDA}): reference audio → mono → 16 kHz (torchaudio's
 * Resample transform) → log-mel features → ResNet293-SimAM-ASP → 256-d embedding → LDA → 128-d, plus the
 * bfloat16 rounding Zonos applies. Loaded from the two published PyTorch checkpoints. Embedding calls are
 * serialised (each one already uses every core); the instance is safe to share between threads.
 */
public final class SpeakerEncoder {
    public static final String RESNET_FILE = "ResNet293_SimAM_ASP_base.pt";
    public static final String LDA_FILE = "ResNet293_SimAM_ASP_base_LDA-128.pt";
    /** The rate the network's front end runs at. */
    public static final int SAMPLE_RATE = 16_000;

    private final String modelId;
    private final SpeakerNetwork network;
    private final float[] ldaW; // (ldaOut, embedding)
    private final float[] ldaB; // (ldaOut)
    private final int ldaOut;
    private final LogMelFilterbank front = LogMelFilterbank.speaker();
    private final Map<Integer, Resampler> resamplers = new ConcurrentHashMap<>();

    private SpeakerEncoder(String modelId, SpeakerNetwork network, StateDict lda) {
        this.modelId = modelId;
        this.network = network;
        int in = network.config().embedding();
        long[] shape = lda.shape("weight");
        if (shape.length != 2 || shape[1] != in) {
            throw new WeightsException(lda.source() + ": tensor 'weight' has shape " + java.util.Arrays.toString(shape)
                    + ", expected [out, " + in + "] to project the " + in + "-d embedding");
        }
        this.ldaOut = (int) shape[0];
        this.ldaW = lda.floats("weight", ldaOut, in);
        this.ldaB = lda.floats("bias", ldaOut);
        if (network.config().mels() != front.mels()) {
            throw new WeightsException(lda.source() + ": the network expects " + network.config().mels()
                    + " mel bins, the front end makes " + front.mels());
        }
    }

    /** Loads {@value #RESNET_FILE} and {@value #LDA_FILE} from {@code dir}. */
    public static SpeakerEncoder load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new WeightsException(dir + ": speaker model folder not found (it should hold " + RESNET_FILE + " and "
                    + LDA_FILE + " from Zyphra/Zonos-v0.1-speaker-embedding)");
        }
        return load(dir.resolve(RESNET_FILE), dir.resolve(LDA_FILE));
    }

    public static SpeakerEncoder load(Path resnetFile, Path ldaFile) {
        TorchCheckpoint resnet = TorchCheckpoint.open(resnetFile);
        TorchCheckpoint lda = TorchCheckpoint.open(ldaFile);
        SpeakerNetwork network = SpeakerNetwork.load(new StateDict(resnetFile.toString(), resnet.tensors()));
        return new SpeakerEncoder(modelId(resnet, lda), network, new StateDict(ldaFile.toString(), lda.tensors()));
    }

    /** From tensors already in memory (random benchmark weights), under a caller-chosen id. */
    public static SpeakerEncoder fromTensors(Map<String, Tensor> resnet, Map<String, Tensor> lda, String modelId) {
        return new SpeakerEncoder(modelId, SpeakerNetwork.load(new StateDict("(in-memory speaker network)", resnet)),
                new StateDict("(in-memory LDA)", lda));
    }

    /**
     * A stable id: a hash of the network's pickled record (keys, shapes, dtypes), its file size, its
     * bottleneck weights and the whole LDA file (hashing all 396 MB would cost ~1 s per load): a retrained
     * network (new bottleneck) or a new LDA changes it.
     */
    private static String modelId(TorchCheckpoint resnet, TorchCheckpoint lda) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Long.toString(Files.size(resnet.file())).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            sha.update(resnet.pickleRecord());
            sha.update(resnet.get("bottleneck.weight").data().asByteBuffer());
            sha.update(Files.readAllBytes(lda.file()));
            return "resnet293-simam-asp-lda:" + HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (IOException e) {
            throw new WeightsException(lda.file() + ": cannot read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Identifies the weights: equal ids mean equal embeddings for equal audio. */
    public String modelId() {
        return modelId;
    }

    public ResNetConfig config() {
        return network.config();
    }

    /** Convolution FLOPs of one embedding of {@code samples16k} samples of 16 kHz audio (the bulk of the work). */
    public long convolutionFlops(int samples16k) {
        return network.flops(front.frames(samples16k));
    }

    /** Size of {@link SpeakerEmbedding#lda()} and {@link SpeakerEmbedding#speaker()}. */
    public int speakerDim() {
        return ldaOut;
    }

    /**
     * The network's input audio: channels averaged, then resampled to 16 kHz with torchaudio's Resample
     * transform (unchanged at 16 kHz). Hash this to key a cache of embeddings.
     *
     * @param channels one array per channel, equal lengths
     */
    public float[] toMono16k(float[][] channels, int sampleRate) {
        if (sampleRate <= 0) {
            throw new InvalidInputException("sample rate must be positive, got " + sampleRate);
        }
        return resampleTo16k(downmix(channels), sampleRate);
    }

    /** The mean over channels, as upstream averages before resampling; rejects empty or non-finite audio. */
    public static float[] downmix(float[][] channels) {
        if (channels.length == 0 || channels[0].length == 0) {
            throw new InvalidInputException("reference audio is empty");
        }
        int n = channels[0].length;
        for (float[] ch : channels) {
            if (ch.length != n) {
                throw new InvalidInputException("reference audio channels differ in length: " + n + " and " + ch.length);
            }
        }
        float[] mono = new float[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (float[] ch : channels) {
                sum += ch[i];
            }
            if (!Double.isFinite(sum)) {
                throw new InvalidInputException("reference audio holds a non-finite sample (NaN or infinity) at index " + i);
            }
            mono[i] = (float) (sum / channels.length);
        }
        return mono;
    }

    /** Mono audio at {@code sampleRate} resampled to 16 kHz (the Resample transform's kernel, cached per rate). */
    public float[] resampleTo16k(float[] mono, int sampleRate) {
        if (sampleRate == SAMPLE_RATE) {
            return mono.clone();
        }
        return resamplers.computeIfAbsent(sampleRate, r -> Resampler.of(r, SAMPLE_RATE, Resampler.Variant.TRANSFORM))
                .resample(mono);
    }

    /** Embeds a clip given as channels at any rate. */
    public SpeakerEmbedding embed(float[][] channels, int sampleRate) {
        return embedMono16k(toMono16k(channels, sampleRate));
    }

    /** Embeds mono 16 kHz audio (the output of {@link #toMono16k}). */
    public SpeakerEmbedding embedMono16k(float[] mono16k) {
        float[] fbank = features(mono16k);
        float[] embedding = embedFeatures(fbank, front.frames(mono16k.length), SpeakerProbe.NONE);
        float[] lda = project(embedding);
        float[] speaker = new float[lda.length];
        for (int i = 0; i < lda.length; i++) {
            speaker[i] = SpeakerEmbedding.roundToBf16(lda[i]);
        }
        return new SpeakerEmbedding(embedding, lda, speaker);
    }

    /** The network input: log-mel features (mels, frames) of mono 16 kHz audio. */
    public float[] features(float[] mono16k) {
        return front.logMel(mono16k);
    }

    /** Mel power before the log (mels, frames), for checks. */
    public float[] melPower(float[] mono16k) {
        return front.melPower(mono16k);
    }

    public LogMelFilterbank frontEnd() {
        return front;
    }

    /** The 256-d embedding of features (mels, frames); {@code probe} sees the intermediate activations. */
    public synchronized float[] embedFeatures(float[] fbank, int frames, SpeakerProbe probe) {
        if (frames < 1 || fbank.length != front.mels() * frames) {
            throw new IllegalArgumentException("features hold " + fbank.length + " values, expected "
                    + front.mels() + " x " + frames);
        }
        return network.forward(fbank, frames, probe);
    }

    /** The LDA projection of a 256-d embedding (float32 weights, as load_state_dict casts the float64 file). */
    public float[] project(float[] embedding) {
        int in = network.config().embedding();
        if (embedding.length != in) {
            throw new IllegalArgumentException("embedding has " + embedding.length + " values, expected " + in);
        }
        return Dense.matvec(ldaW, ldaB, ldaOut, in, embedding);
    }
}
