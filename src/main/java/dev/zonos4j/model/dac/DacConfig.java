package dev.zonos4j.model.dac;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zonos4j.util.Json;
import dev.zonos4j.util.ZonosException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The sizes of a DAC codec, as transformers' {@code DacConfig} writes them to {@code config.json}.
 * The real {@code descript/dac_44khz}: encoder 64, ratios [2,4,8,8], decoder 1536, latent 1024, 9 × 1024 × 8 codebooks.
 */
public record DacConfig(
        int encoderHiddenSize,
        int[] downsamplingRatios,
        int decoderHiddenSize,
        int hiddenSize,
        int[] upsamplingRatios,
        int nCodebooks,
        int codebookSize,
        int codebookDim,
        int hopLength,
        int samplingRate) {

    public DacConfig {
        downsamplingRatios = downsamplingRatios.clone();
        upsamplingRatios = upsamplingRatios.clone();
        positive("encoder_hidden_size", encoderHiddenSize);
        positive("decoder_hidden_size", decoderHiddenSize);
        positive("hidden_size", hiddenSize);
        positive("n_codebooks", nCodebooks);
        positive("codebook_size", codebookSize);
        positive("codebook_dim", codebookDim);
        positive("sampling_rate", samplingRate);
        if (downsamplingRatios.length == 0 || upsamplingRatios.length != downsamplingRatios.length) {
            throw new ZonosException("DAC config: downsampling_ratios " + Arrays.toString(downsamplingRatios)
                    + " and upsampling_ratios " + Arrays.toString(upsamplingRatios) + " must be non-empty and equally long");
        }
        long down = 1;
        long up = 1;
        for (int i = 0; i < downsamplingRatios.length; i++) {
            int d = downsamplingRatios[i];
            int u = upsamplingRatios[i];
            if (d < 2 || d % 2 != 0 || u < 2 || u % 2 != 0) {
                throw new ZonosException("DAC config: ratios must be even and >= 2 (got downsampling "
                        + Arrays.toString(downsamplingRatios) + ", upsampling " + Arrays.toString(upsamplingRatios)
                        + "); odd strides would not map T frames to exactly hop_length·T samples");
            }
            down *= d;
            up *= u;
        }
        if (down != hopLength || up != hopLength) {
            throw new ZonosException("DAC config: hop_length " + hopLength + " must equal the product of downsampling_ratios ("
                    + down + ") and of upsampling_ratios (" + up + ")");
        }
        int blocks = downsamplingRatios.length;
        if ((long) encoderHiddenSize << blocks != hiddenSize) {
            throw new ZonosException("DAC config: hidden_size " + hiddenSize + " must be encoder_hidden_size "
                    + encoderHiddenSize + " · 2^" + blocks + " = " + ((long) encoderHiddenSize << blocks));
        }
        if (decoderHiddenSize % (1 << blocks) != 0) {
            throw new ZonosException("DAC config: decoder_hidden_size " + decoderHiddenSize + " must be divisible by 2^"
                    + blocks + " (each decoder block halves the channels)");
        }
    }

    /** The sizes of the published {@code descript/dac_44khz} checkpoint (its config.json). */
    public static DacConfig dac44khz() {
        return new DacConfig(64, new int[] {2, 4, 8, 8}, 1536, 1024, new int[] {8, 8, 4, 2}, 9, 1024, 8, 512, 44100);
    }

    /** This config as transformers writes {@code config.json} for {@code DacModel}. */
    public String toJson() {
        var j = Json.MAPPER.createObjectNode();
        j.putArray("architectures").add("DacModel");
        j.put("codebook_dim", codebookDim);
        j.put("codebook_size", codebookSize);
        j.put("decoder_hidden_size", decoderHiddenSize);
        var down = j.putArray("downsampling_ratios");
        for (int r : downsamplingRatios) {
            down.add(r);
        }
        j.put("encoder_hidden_size", encoderHiddenSize);
        j.put("hidden_size", hiddenSize);
        j.put("hop_length", hopLength);
        j.put("model_type", "dac");
        j.put("n_codebooks", nCodebooks);
        j.put("sampling_rate", samplingRate);
        j.put("torch_dtype", "float32");
        var up = j.putArray("upsampling_ratios");
        for (int r : upsamplingRatios) {
            up.add(r);
        }
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(j) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void positive(String name, int v) {
        if (v < 1) {
            throw new ZonosException("DAC config: " + name + " must be positive, got " + v);
        }
    }

    /** Reads transformers' {@code config.json} for a {@code dac} model. */
    public static DacConfig load(Path file) {
        JsonNode j = Json.read(file);
        String type = j.path("model_type").asText("");
        if (!type.equals("dac")) {
            throw new ZonosException(file + ": model_type is '" + type + "', expected 'dac'");
        }
        try {
            return new DacConfig(
                    intField(file, j, "encoder_hidden_size"),
                    intArray(file, j, "downsampling_ratios"),
                    intField(file, j, "decoder_hidden_size"),
                    intField(file, j, "hidden_size"),
                    intArray(file, j, "upsampling_ratios"),
                    intField(file, j, "n_codebooks"),
                    intField(file, j, "codebook_size"),
                    intField(file, j, "codebook_dim"),
                    intField(file, j, "hop_length"),
                    intField(file, j, "sampling_rate"));
        } catch (ZonosException e) {
            throw new ZonosException(file + ": " + e.getMessage(), e);
        }
    }

    private static int intField(Path file, JsonNode j, String name) {
        JsonNode v = j.get(name);
        if (v == null || !v.canConvertToInt()) {
            throw new ZonosException(file + ": field '" + name + "' is missing or not an integer");
        }
        return v.asInt();
    }

    private static int[] intArray(Path file, JsonNode j, String name) {
        JsonNode v = j.get(name);
        if (v == null || !v.isArray()) {
            throw new ZonosException(file + ": field '" + name + "' is missing or not a list of integers");
        }
        int[] out = new int[v.size()];
        for (int i = 0; i < out.length; i++) {
            if (!v.get(i).canConvertToInt()) {
                throw new ZonosException(file + ": field '" + name + "' holds a non-integer " + v.get(i));
            }
            out[i] = v.get(i).asInt();
        }
        return out;
    }

    @Override
    public int[] downsamplingRatios() {
        return downsamplingRatios.clone();
    }

    @Override
    public int[] upsamplingRatios() {
        return upsamplingRatios.clone();
    }

    public int blocks() {
        return downsamplingRatios.length;
    }

    /** Output channels of decoder block {@code i} (its input has twice as many). */
    public int decoderChannels(int i) {
        return decoderHiddenSize >> (i + 1);
    }

    /** Channels entering encoder block {@code i} (it doubles them). */
    public int encoderChannels(int i) {
        return encoderHiddenSize << i;
    }

    /** Code frames per second of audio. */
    public double frameRate() {
        return (double) samplingRate / hopLength;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DacConfig c && encoderHiddenSize == c.encoderHiddenSize
                && Arrays.equals(downsamplingRatios, c.downsamplingRatios) && decoderHiddenSize == c.decoderHiddenSize
                && hiddenSize == c.hiddenSize && Arrays.equals(upsamplingRatios, c.upsamplingRatios)
                && nCodebooks == c.nCodebooks && codebookSize == c.codebookSize && codebookDim == c.codebookDim
                && hopLength == c.hopLength && samplingRate == c.samplingRate;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(downsamplingRatios) * 31 + hiddenSize * 17 + decoderHiddenSize;
    }

    @Override
    public String toString() {
        return "DacConfig[encoder " + encoderHiddenSize + ", ratios " + Arrays.toString(downsamplingRatios) + ", decoder "
                + decoderHiddenSize + ", latent " + hiddenSize + ", " + nCodebooks + " x " + codebookSize + " x "
                + codebookDim + " codebooks, hop " + hopLength + ", " + samplingRate + " Hz]";
    }
}
