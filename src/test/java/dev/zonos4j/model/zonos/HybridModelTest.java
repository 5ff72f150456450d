package dev.zonos4j.model.zonos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zonos4j.TestKits;
import dev.zonos4j.tensor.Kernels;
import dev.zonos4j.tensor.WeightMatrix;
import dev.zonos4j.util.Json;
import dev.zonos4j.util.ZonosException;
import dev.zonos4j.weights.SafeTensors;
import dev.zonos4j.weights.SafeTensorsWriter;
import dev.zonos4j.weights.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hybrid tiny model as the engine drives it: batch invariance with per-sequence Mamba2 states (ragged,
 * staggered admission, guided and unguided), the memory a sequence holds, and loader refusals.
 */
class HybridModelTest {
    private static final Path TINY = TestKits.zonosHybrid().resolve("tiny");
    private static ZonosModel model;
    private static final List<Conditioning> conds = new ArrayList<>();

    @BeforeAll
    static void load() {
        model = ZonosModel.load(TINY, WeightMatrix.Storage.BF16, 256L << 20, Kernels.vector());
        int[][] texts = {{2, 61, 94, 65, 167, 68, 146, 6, 21, 61, 167, 54, 113, 55, 134, 113, 57, 7, 3}, {2, 142, 167, 87, 3},
                {2, 92, 94, 21, 59, 167, 98, 169, 72, 73, 21, 72, 167, 62, 169, 64, 76, 94, 67, 72, 21, 113, 79, 7, 3}};
        float[] speaker = new float[128];
        for (int i = 0; i < speaker.length; i++) {
            speaker[i] = (float) Math.sin(i);
        }
        conds.add(model.prepareConditioning(ConditioningInputs.defaults(texts[0], speaker, 24)));
        conds.add(model.prepareConditioning(ConditioningInputs.defaults(texts[1], null, 19)));
        conds.add(model.prepareConditioning(ConditioningInputs.defaults(texts[2], speaker, 24)
                .withHybrid(new HybridConditions(new float[] {.6f, .6f, .7f, .7f, .7f, .8f, .8f, .8f}, 20f, 3.5f, true))));
    }

    @Test
    void codesAreIdenticalAloneAndInARaggedBatch() {
        for (SamplingParams sampling : List.of(SamplingParams.greedy(), SamplingParams.upstreamDefaults())) {
            float[] cfg = {2f, 1.5f, 1f, 2f};
            List<int[][]> alone = new ArrayList<>();
            for (int i = 0; i < cfg.length; i++) {
                alone.add(model.generate(conds.get(i % 3), null, sampling, cfg[i], 500 + i, 25 + 3 * i));
            }
            List<ZonosSequence> all = new ArrayList<>();
            List<ZonosSequence> active = new ArrayList<>();
            for (int step = 0; all.size() < cfg.length || !active.isEmpty(); step++) {
                if (all.size() < cfg.length && step >= 2 * all.size()) {
                    int i = all.size();
                    ZonosSequence s = model.newSequence(conds.get(i % 3), null, sampling, cfg[i], 500 + i, 25 + 3 * i);
                    model.prefill(s);
                    all.add(s);
                    active.add(s);
                }
                model.decodeStep(active);
                active.removeIf(ZonosSequence::finished);
            }
            for (int i = 0; i < cfg.length; i++) {
                for (int k = 0; k < 9; k++) {
                    assertArrayEquals(alone.get(i)[k], all.get(i).codes()[k], "sequence " + i + " codebook " + k + " " + sampling);
                }
            }
        }
        assertEquals(0, model.kvPool().reservedBytes(), "finished sequences give their KV back");
    }

    @Test
    void theHybridConditionersChangeTheConditioning() {
        int[] ids = {2, 61, 94, 65, 3};
        Conditioning plain = model.prepareConditioning(ConditioningInputs.defaults(ids, null, 24));
        Conditioning noised = model.prepareConditioning(ConditioningInputs.defaults(ids, null, 24)
                .withHybrid(new HybridConditions(null, 0f, null, true)));
        assertEquals(ids.length + 10, plain.length(), "one row per conditioner after the phonemes");
        assertNotEquals(java.util.Arrays.toString(plain.cond()), java.util.Arrays.toString(noised.cond()));
        assertArrayEquals(plain.uncond(), noised.uncond(), "the unconditional row gets only the text");
    }

    @Test
    void aSequenceHoldsFixedStatesPlusKvForItsAttentionLayersOnly() {
        var bb = model.config().backbone();
        long state = 4L * (bb.nLayer() - bb.attentionLayers()) * bb.ssm().stateFloats(bb.dModel());
        assertEquals(state, model.fixedStateBytes());
        long kvPerPosition = 4L * bb.attentionLayers() * 2 * bb.attnCfg().numHeadsKv() * bb.headDim();
        assertEquals(kvPerPosition, model.kvPool().bytesPerPosition());
        long bytes = model.kvBytesFor(20, 0, 100, 2f);
        long blocks = model.kvPool().blocksFor(20 + 100 + 9);
        assertEquals(2 * (state + blocks * model.kvPool().blockBytes()), bytes);
        assertEquals(bytes / 2, model.kvBytesFor(20, 0, 100, 1f), "one stream without guidance");
    }

    @Test
    void theRealHybridHoldsAboutSeventyFourMegabytesOfStatePerStream() {
        var bb = ZonosConfig.read(TestKits.zonosHybrid().resolve("real-config-hybrid.json")).backbone();
        assertEquals(4L * 18_417_664, MambaState.bytes(bb), "34 x (524,288 + 17,408) float32 values");
    }

    @Test
    void loaderNamesTheFileAndKeyOfAMissingOrMisshapenMamba2Tensor(@TempDir Path dir) throws Exception {
        SafeTensors src = SafeTensors.open(TINY.resolve("model.safetensors"));
        Files.copy(TINY.resolve("config.json"), dir.resolve("config.json"));
        copy(src, "backbone.layers.3.mixer.A_log", dir.resolve("model.safetensors"));
        String missing = assertThrows(ZonosException.class,
                () -> ZonosModel.load(dir, WeightMatrix.Storage.BF16, 1L << 20, Kernels.vector())).getMessage();
        assertTrue(missing.contains("backbone.layers.3.mixer.A_log") && missing.contains("model.safetensors"), missing);

        copy(src, null, dir.resolve("model.safetensors"));
        ObjectNode cfg = (ObjectNode) Json.read(TINY.resolve("config.json"));
        ((ObjectNode) cfg.get("backbone").get("ssm_cfg")).put("d_state", 8);
        Files.writeString(dir.resolve("config.json"), cfg.toString());
        String shape = assertThrows(ZonosException.class,
                () -> ZonosModel.load(dir, WeightMatrix.Storage.BF16, 1L << 20, Kernels.vector())).getMessage();
        assertTrue(shape.contains("backbone.layers.1.mixer.in_proj.weight") && shape.contains("model.safetensors"), shape);

        JsonNode transformer = Json.read(TestKits.zonos().resolve("tiny/config.json"));
        Files.writeString(dir.resolve("config.json"), transformer.toString());
        String mixed = assertThrows(ZonosException.class,
                () -> ZonosModel.load(dir, WeightMatrix.Storage.BF16, 1L << 20, Kernels.vector())).getMessage();
        assertTrue(mixed.contains("model.safetensors"), mixed);
    }

    private static void copy(SafeTensors src, String drop, Path out) {
        SafeTensorsWriter w = new SafeTensorsWriter();
        for (String k : src.keys()) {
            if (!k.equals(drop)) {
                Tensor t = src.get(k);
                w.add(k, t.dtype(), t.shape(), o -> o.write(t.data().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)));
            }
        }
        w.write(out);
    }
}
