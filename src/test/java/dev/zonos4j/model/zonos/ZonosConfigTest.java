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
        assertTrue(bb.ssmCfg().isEmpty());
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
    void hybridConfigIsRefusedClearly() {
        ZonosException e = assertThrows(ZonosException.class,
                () -> ZonosConfig.read(TestKits.zonos().resolve("real-config-hybrid.json")));
        assertTrue(e.getMessage().contains("hybrid backbone (Mamba2 SSM) not supported yet"), e.getMessage());
        assertTrue(e.getMessage().contains("real-config-hybrid.json"), e.getMessage());
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
