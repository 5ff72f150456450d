package dev.zonos4j.model.zonos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zonos4j.TestKits;
import dev.zonos4j.tensor.Kernels;
import dev.zonos4j.tensor.WeightMatrix;
import dev.zonos4j.util.Json;
import dev.zonos4j.weights.SafeTensors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A sequence's codes are bit-identical alone and inside a ragged batch of other sequences (different text
 * lengths, audio prefixes, guidance, admission times), for greedy and for seeded sampling.
 */
class BatchInvarianceTest {
    private static ZonosModel model;
    private static final List<Job> jobs = new ArrayList<>();

    private record Job(String name, Conditioning conditioning, int[][] prefix, float cfg, int maxNew) {
    }

    @BeforeAll
    static void load() throws Exception {
        Path kit = TestKits.zonos();
        model = ZonosModel.load(kit.resolve("tiny"), WeightMatrix.Storage.BF16, 512L << 20, Kernels.vector());
        for (JsonNode e : Json.read(kit.resolve("cases/index.json"))) {
            if (!e.path("kind").asText().equals("generate")) {
                continue;
            }
            String name = e.path("case").asText();
            JsonNode side = Json.read(kit.resolve("cases/" + name + ".json"));
            SafeTensors t = SafeTensors.open(kit.resolve("cases/" + name + ".safetensors"));
            float[] speaker = t.has("speaker") ? t.get("speaker").toFloatArray() : null;
            ConditioningInputs in = new ConditioningInputs(t.get("phoneme_ids").toIntArray(), speaker,
                    t.get("emotion").toFloatArray(), t.get("fmax").getFloat(0), t.get("pitch_std").getFloat(0),
                    t.get("speaking_rate").getFloat(0), (int) t.get("language_id").getLong(0));
            int[][] prefix = null;
            if (t.has("audio_prefix_codes")) {
                int p = t.get("audio_prefix_codes").dim(2);
                int[] flat = t.get("audio_prefix_codes").toIntArray();
                prefix = new int[9][p];
                for (int k = 0; k < 9; k++) {
                    System.arraycopy(flat, k * p, prefix[k], 0, p);
                }
            }
            jobs.add(new Job(name, model.prepareConditioning(in), prefix, (float) side.path("cfg_scale").asDouble(),
                    side.path("max_new_tokens").asInt()));
        }
        // one unguided sequence too: a single stream in the same batch
        Job first = jobs.get(0);
        jobs.add(new Job(first.name() + "_cfg1", first.conditioning(), null, 1f, 30));
        assertTrue(jobs.size() >= 4, "the kit should hold several generate cases");
    }

    @Test
    void greedyCodesAreIdenticalAloneAndBatched() {
        check(SamplingParams.greedy(), Integer.MAX_VALUE);
    }

    @Test
    void seededSamplingCodesAreIdenticalAloneAndBatched() {
        check(new SamplingParams(1f, 0.9f, 50, 0.05f, 0f, 0f, 0f, 2f, 3), 20);
        check(SamplingParams.upstreamDefaults(), 20);
    }

    @Test
    void unifiedSamplerCodesAreIdenticalAloneAndBatched() {
        check(new SamplingParams(1f, 0f, 0, 0f, 0.5f, 0.4f, 0.0f, 3f, 2), 20);
    }

    private static void check(SamplingParams sampling, int frameCap) {
        List<int[][]> alone = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            Job j = jobs.get(i);
            alone.add(model.generate(j.conditioning(), j.prefix(), sampling, j.cfg(), 1000 + i, Math.min(frameCap, j.maxNew())));
        }
        // ragged continuous batching: sequence i joins after i steps; finished ones leave the batch
        List<ZonosSequence> all = new ArrayList<>();
        List<ZonosSequence> active = new ArrayList<>();
        int step = 0;
        while (all.size() < jobs.size() || !active.isEmpty()) {
            if (all.size() < jobs.size() && step >= all.size()) {
                int i = all.size();
                Job j = jobs.get(i);
                ZonosSequence s = model.newSequence(j.conditioning(), j.prefix(), sampling, j.cfg(), 1000 + i,
                        Math.min(frameCap, j.maxNew()));
                model.prefill(s);
                all.add(s);
                active.add(s);
            }
            model.decodeStep(active);
            active.removeIf(ZonosSequence::finished);
            step++;
        }
        for (int i = 0; i < jobs.size(); i++) {
            int[][] batched = all.get(i).codes();
            int[][] single = alone.get(i);
            for (int k = 0; k < 9; k++) {
                assertArrayEquals(single[k], batched[k], jobs.get(i).name() + " codebook " + k + " with " + sampling);
            }
        }
        assertTrue(model.kvPool().reservedBytes() == 0, "finished sequences give their KV back");
    }
}
