package dev.zonos4j.model.zonos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zonos4j.TestKits;
import dev.zonos4j.tensor.Kernels;
import dev.zonos4j.tensor.WeightMatrix;
import dev.zonos4j.util.InvalidInputException;
import dev.zonos4j.util.Json;
import dev.zonos4j.util.ZonosException;
import dev.zonos4j.weights.SafeTensors;
import dev.zonos4j.weights.SafeTensorsWriter;
import dev.zonos4j.weights.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZonosModelTest {
    private static final Path TINY = TestKits.zonos().resolve("tiny");

    private static ConditioningInputs inputs(int phonemes) {
        int[] ids = new int[phonemes];
        ids[0] = 2;
        for (int i = 1; i < phonemes - 1; i++) {
            ids[i] = 4 + (i * 7) % 180;
        }
        ids[phonemes - 1] = 3;
        return ConditioningInputs.defaults(ids, null, 24);
    }

    @Test
    void kvBudgetBoundsLiveSequencesAndIsReturned() {
        ZonosModel probe = ZonosModel.load(TINY, WeightMatrix.Storage.BF16, 1L << 30, Kernels.vector());
        Conditioning c = probe.prepareConditioning(inputs(20));
        long one = probe.kvBytesFor(c.length(), 0, 30, 2f);
        ZonosModel m = ZonosModel.load(TINY, WeightMatrix.Storage.BF16, 2 * one, Kernels.vector());
        ZonosSequence a = m.newSequence(c, null, SamplingParams.greedy(), 2f, 1, 30);
        ZonosSequence b = m.newSequence(c, null, SamplingParams.greedy(), 2f, 2, 30);
        ZonosException e = assertThrows(ZonosException.class, () -> m.newSequence(c, null, SamplingParams.greedy(), 2f, 3, 30));
        assertTrue(e.getMessage().contains("KV cache budget"), e.getMessage());
        m.prefill(a);
        while (!a.finished()) {
            m.decodeStep(List.of(a));
        }
        assertEquals(30, a.codes()[0].length);
        ZonosSequence c2 = m.newSequence(c, null, SamplingParams.greedy(), 2f, 3, 30);
        b.close();
        c2.close();
        assertEquals(0, m.kvPool().reservedBytes());
    }

    @Test
    void aSequenceThatReservesAsItGrowsSaysWhatEachStepTakesAndGivesTheSameCodes() {
        ZonosModel m = ZonosModel.load(TINY, WeightMatrix.Storage.BF16, 1L << 30, Kernels.vector());
        Conditioning c = m.prepareConditioning(inputs(20));
        int frames = 150; // up to three blocks of 64 positions beyond the prompt
        int[][] expected = m.generate(c, null, SamplingParams.greedy(), 2f, 5, frames);
        ZonosSequence seq = m.newSequence(c, null, SamplingParams.greedy(), 2f, 5, frames, false);
        assertEquals(0, m.kvPool().reservedBytes(), "nothing reserved before the prefill");
        m.prefill(seq);
        assertEquals(m.kvBytesAtStart(c.length(), 0, 2f), seq.kvBytes());
        assertEquals(seq.kvBytes(), m.kvPool().reservedBytes());
        int grew = 0;
        while (!seq.finished()) {
            long before = seq.kvBytes();
            long next = seq.nextStepKvBytes();
            m.decodeStep(List.of(seq));
            if (!seq.finished()) {
                assertEquals(before + next, seq.kvBytes(), "step " + seq.steps());
                assertEquals(seq.kvBytes(), m.kvPool().reservedBytes());
            }
            grew += next > 0 ? 1 : 0;
        }
        int blocks = m.kvPool().blocksFor(c.length() + 1 + seq.steps()) - m.kvPool().blocksFor(c.length() + 1);
        assertTrue(blocks >= 1, "it ran past its prompt's blocks: " + seq.steps() + " steps");
        assertEquals(blocks, grew, "a block taken at each step that began one");
        assertArrayEquals(expected, seq.codes());
        assertEquals(0, seq.kvBytes());
        assertEquals(0, m.kvPool().reservedBytes());
    }

    @Test
    void badRequestsAreRefusedWithTheirWords() {
        ZonosModel m = ZonosModel.load(TINY, WeightMatrix.Storage.BF16, 1L << 30, Kernels.vector());
        Conditioning c = m.prepareConditioning(inputs(10));
        assertTrue(assertThrows(InvalidInputException.class,
                () -> m.newSequence(c, null, SamplingParams.greedy(), 0.5f, 1, 10)).getMessage().contains("cfg_scale"));
        assertTrue(assertThrows(InvalidInputException.class,
                () -> m.newSequence(c, null, SamplingParams.greedy(), 2f, 1, 20000)).getMessage().contains("16384"));
        assertTrue(assertThrows(InvalidInputException.class,
                () -> m.newSequence(c, new int[][] {{5}}, SamplingParams.greedy(), 2f, 1, 10)).getMessage().contains("codebooks"));
        int[][] bad = new int[9][2];
        bad[3][1] = 1024;
        assertTrue(assertThrows(InvalidInputException.class,
                () -> m.newSequence(c, bad, SamplingParams.greedy(), 2f, 1, 10)).getMessage().contains("1024"));
        assertThrows(InvalidInputException.class, () -> new SamplingParams(-1f, 0, 0, 0, 0, 0, 0, 3, 2));
        assertTrue(assertThrows(InvalidInputException.class,
                () -> m.prepareConditioning(ConditioningInputs.defaults(new int[] {2, 400, 3}, null, 24))).getMessage().contains("400"));
        ZonosSequence s = m.newSequence(c, null, SamplingParams.greedy(), 2f, 1, 10);
        assertThrows(IllegalStateException.class, () -> m.decodeStep(List.of(s)));
        m.prefill(s);
        assertThrows(IllegalArgumentException.class, () -> m.decodeStep(List.of(s, s)));
        s.close();
    }

    @Test
    void unguidedGenerationAndF32PrecisionRun() {
        ZonosModel bf16 = ZonosModel.load(TINY, WeightMatrix.Storage.BF16, 1L << 30, Kernels.vector());
        ZonosModel f32 = ZonosModel.load(TINY, WeightMatrix.Storage.F32, 1L << 30, Kernels.vector());
        Conditioning c = bf16.prepareConditioning(inputs(12));
        int[][] a = bf16.generate(c, null, SamplingParams.greedy(), 1f, 0, 12);
        int[][] b = f32.generate(c, null, SamplingParams.greedy(), 1f, 0, 12);
        // the same stored values; only the accumulation order of bf16 (even/odd split) differs
        for (int k = 0; k < 9; k++) {
            assertEquals(a[k].length, b[k].length);
        }
        assertArrayEquals(a[0], b[0]);
        int[][] again = bf16.generate(c, null, SamplingParams.upstreamDefaults(), 2f, 7, 12);
        int[][] same = bf16.generate(c, null, SamplingParams.upstreamDefaults(), 2f, 7, 12);
        for (int k = 0; k < 9; k++) {
            assertArrayEquals(again[k], same[k], "same seed, same codes");
        }
    }

    @Test
    void loaderNamesMissingExtraAndMisshapenTensors(@TempDir Path dir) throws Exception {
        SafeTensors src = SafeTensors.open(TINY.resolve("model.safetensors"));
        Files.copy(TINY.resolve("config.json"), dir.resolve("config.json"));
        assertLoadFails(dir, src, "heads.3.weight", null, "missing tensor 'heads.3.weight'");
        assertLoadFails(dir, src, null, "extra.weight", "unexpected tensors");
        Path cfg = dir.resolve("config.json");
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) Json.read(cfg);
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("backbone")).put("attn_mlp_d_intermediate", 128);
        Files.writeString(cfg, json.toString());
        copy(src, null, null, dir.resolve("model.safetensors"));
        ZonosException e = assertThrows(ZonosException.class,
                () -> ZonosModel.load(dir, WeightMatrix.Storage.BF16, 1L << 20, Kernels.vector()));
        assertTrue(e.getMessage().contains("mlp.fc1.weight") && e.getMessage().contains("[256, 128]"), e.getMessage());
    }

    private static void assertLoadFails(Path dir, SafeTensors src, String drop, String add, String message) {
        copy(src, drop, add, dir.resolve("model.safetensors"));
        ZonosException e = assertThrows(ZonosException.class,
                () -> ZonosModel.load(dir, WeightMatrix.Storage.BF16, 1L << 20, Kernels.vector()));
        assertTrue(e.getMessage().contains(message) && e.getMessage().contains("model.safetensors"), e.getMessage());
    }

    private static void copy(SafeTensors src, String drop, String add, Path out) {
        SafeTensorsWriter w = new SafeTensorsWriter();
        for (String k : src.keys()) {
            if (k.equals(drop)) {
                continue;
            }
            Tensor t = src.get(k);
            w.add(k, t.dtype(), t.shape(), o -> o.write(t.data().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)));
        }
        if (add != null) {
            w.addF32(add, new long[] {2}, new float[] {1, 2});
        }
        w.write(out);
    }
}
