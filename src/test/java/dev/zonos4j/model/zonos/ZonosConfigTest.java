package dev.zonos4j.model.zonos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zonos4j.TestKits;
import dev.zonos4j.util.Json;
import dev.zonos4j.util.ZonosException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZonosConfigTest {

    @Test
    void realTransformerConfigParsesIntoEveryField() {
        ZonosConfig c = ZonosConfig.read(TestKits.zonos().resolve("real-config-transformer.json"));
        var bb = c.backbone();
        assertEquals(2048, bb.dModel());
        assertEquals(0, bb.dIntermediate());
        assertEquals(8192, bb.attnMlpDIntermediate());
        assertEquals(26, bb.nLayer());
        assertEquals(26, bb.attnLayerIdx().size());
        assertFalse(bb.hybrid());
        assertEquals(16, bb.attnCfg().numHeads());
        assertEquals(4, bb.attnCfg().numHeadsKv());
        assertEquals(128, bb.attnCfg().rotaryEmbDim());
        assertTrue(bb.attnCfg().causal() && bb.attnCfg().rotaryEmbInterleaved());
        assertFalse(bb.attnCfg().qkvProjBias() || bb.attnCfg().outProjBias() || bb.rmsNorm() || bb.residualInFp32());
        assertEquals(1e-5f, bb.normEpsilon());
        assertEquals(128, bb.headDim());
        List<ZonosConfig.ConditionerConfig> conds = c.prefixConditioner().conditioners();
        assertEquals(List.of("espeak", "speaker", "emotion", "fmax", "pitch_std", "speaking_rate", "language_id"),
                conds.stream().map(ZonosConfig.ConditionerConfig::name).toList());
        assertEquals(ZonosConfig.Projection.LINEAR, conds.get(1).projection());
        assertEquals(128, conds.get(1).condDim());
        assertEquals(8, conds.get(2).inputDim());
        assertEquals(24000, conds.get(3).maxVal());
        assertEquals(-1, conds.get(6).minVal());
        assertTrue(conds.get(6).learnedUncond() && !conds.get(0).learnedUncond());
        assertEquals(ZonosConfig.Projection.LINEAR, c.prefixConditioner().projection());
        assertEquals(1024, c.eosTokenId());
        assertEquals(1025, c.maskedTokenId());
        assertEquals(8, c.padVocabToMultipleOf());
        assertEquals(1026, c.logitsWidth());
    }

    @Test
    void realHybridConfigParsesWithMamba2Defaults() {
        ZonosConfig c = ZonosConfig.read(TestKits.zonosHybrid().resolve("real-config-hybrid.json"));
        var bb = c.backbone();
        assertTrue(bb.hybrid());
        assertEquals(46, bb.nLayer());
        assertEquals(12, bb.attentionLayers());
        assertTrue(bb.isAttention(0) && bb.isAttention(44) && !bb.isAttention(45) && !bb.isAttention(1));
        assertEquals(11, bb.kvSlot(44));
        assertEquals(-1, bb.kvSlot(45));
        assertFalse(bb.attnCfg().rotaryEmbInterleaved(), "mamba_ssm MHA defaults to GPT-NeoX halves");
        assertEquals(8192, bb.mlpHidden());
        SsmConfig s = bb.ssm();
        assertEquals(new SsmConfig(128, 4, 2, 64, 1, 256), s);
        assertEquals(4096, s.dInner(2048));
        assertEquals(64, s.nheads(2048));
        assertEquals(4352, s.convDim(2048));
        assertEquals(8512, s.dInProj(2048));
        assertEquals(524_288 + 17_408, s.stateFloats(2048));
        assertEquals(List.of("vqscore_8", "ctc_loss", "dnsmos_ovrl", "speaker_noised"), c.prefixConditioner().conditioners()
                .subList(7, 11).stream().map(ZonosConfig.ConditionerConfig::name).toList());
    }

    @Test
    void tinyHybridRoundsTheMlpLikeMambaSsm() {
        var bb = ZonosConfig.read(TestKits.zonosHybrid().resolve("tiny/config.json")).backbone();
        assertEquals(192, bb.attnMlpDIntermediate());
        assertEquals(256, bb.mlpHidden());
    }

    @Test
    void configsMixingTheBackbonesOrOutsideMamba2AreRefusedByField() {
        JsonNode hybrid = Json.read(TestKits.zonosHybrid().resolve("real-config-hybrid.json"));
        ObjectNode noSsm = hybrid.deepCopy();
        ((ObjectNode) noSsm.get("backbone")).putObject("ssm_cfg");
        assertMessage(noSsm, "attn_layer_idx");
        JsonNode transformer = Json.read(TestKits.zonos().resolve("real-config-transformer.json"));
        ObjectNode allAttention = transformer.deepCopy();
        ((ObjectNode) allAttention.get("backbone")).putObject("ssm_cfg").put("layer", "Mamba2");
        assertMessage(allAttention, "mixing the two backbones");
        ObjectNode mamba1 = hybrid.deepCopy();
        ((ObjectNode) mamba1.get("backbone").get("ssm_cfg")).put("layer", "Mamba1");
        assertMessage(mamba1, "ssm_cfg.layer");
        ObjectNode unknown = hybrid.deepCopy();
        ((ObjectNode) unknown.get("backbone").get("ssm_cfg")).put("d_states", 3);
        assertMessage(unknown, "'d_states'");
        ObjectNode gate = hybrid.deepCopy();
        ((ObjectNode) gate.get("backbone").get("ssm_cfg")).put("norm_before_gate", true);
        assertMessage(gate, "norm_before_gate");
        ObjectNode headdim = hybrid.deepCopy();
        ((ObjectNode) headdim.get("backbone").get("ssm_cfg")).put("headdim", 3000);
        assertMessage(headdim, "headdim");
        ObjectNode mlp = hybrid.deepCopy();
        ((ObjectNode) mlp.get("backbone")).put("d_intermediate", 512);
        assertMessage(mlp, "d_intermediate");
        ObjectNode order = hybrid.deepCopy();
        ((ObjectNode) order.get("backbone")).putArray("attn_layer_idx").add(4).add(0);
        assertMessage(order, "attn_layer_idx");
    }

    @Test
    void hybridLayoutMatchesThePublishedCheckpointKeys() {
        ZonosConfig c = ZonosConfig.read(TestKits.zonosHybrid().resolve("real-config-hybrid.json"));
        JsonNode keys = Json.read(TestKits.zonosHybrid().resolve("real-checkpoint-keys-hybrid.json"));
        assertLayout(c, keys);
    }

    private static void assertMessage(JsonNode cfg, String expected) {
        String msg = assertThrows(ZonosException.class, () -> ZonosConfig.parse(cfg)).getMessage();
        assertTrue(msg.contains(expected), msg);
    }

    @Test
    void unknownKeysAndBadValuesNameTheProblem() {
        JsonNode real = Json.read(TestKits.zonos().resolve("real-config-transformer.json"));
        ObjectNode extra = real.deepCopy();
        extra.put("vocab_size", 3);
        assertTrue(assertThrows(ZonosException.class, () -> ZonosConfig.parse(extra)).getMessage().contains("'vocab_size'"));
        ObjectNode heads = real.deepCopy();
        ((ObjectNode) heads.get("backbone").get("attn_cfg")).put("num_heads_kv", 3);
        assertTrue(assertThrows(ZonosException.class, () -> ZonosConfig.parse(heads)).getMessage().contains("num_heads_kv"));
        ObjectNode mlp = real.deepCopy();
        ((ObjectNode) mlp.get("prefix_conditioner")).put("projection", "mlp");
        assertTrue(assertThrows(ZonosException.class, () -> ZonosConfig.parse(mlp)).getMessage().contains("'mlp'"));
    }

    @Test
    void layoutMatchesThePublishedCheckpointKeys() {
        ZonosConfig c = ZonosConfig.read(TestKits.zonos().resolve("real-config-transformer.json"));
        JsonNode keys = Json.read(TestKits.zonos().resolve("real-checkpoint-keys-transformer.json"));
        assertLayout(c, keys);
    }

    private static void assertLayout(ZonosConfig c, JsonNode keys) {
        Map<String, String> expected = new HashMap<>();
        long total = 0;
        for (JsonNode t : keys.get("tensors")) {
            expected.put(t.get("name").asText(), t.get("shape").toString().replace(" ", ""));
        }
        Map<String, String> mine = new HashMap<>();
        for (ZonosWeights.Spec s : ZonosWeights.layout(c)) {
            mine.put(s.name(), java.util.Arrays.toString(s.shape()).replace(" ", ""));
            long n = 1;
            for (long d : s.shape()) {
                n *= d;
            }
            total += n;
        }
        assertEquals(expected, mine);
        assertEquals(keys.get("total_elements").asLong(), total);
    }
}
