/**
 * The Zonos v0.1 language models, transformer and hybrid (Mamba2 + attention; the config chooses the
 * backbone): text conditioning to DAC codes, exactly as upstream's {@code Zonos.generate()}.
 *
 * <pre>{@code
 * ZonosModel lm = ZonosModel.load(dir, WeightMatrix.Storage.BF16, kvBudgetBytes, Kernels.preferred());
 * Conditioning c = lm.prepareConditioning(new ConditioningInputs(phonemeIds, speaker, emotion, fmax,
 *         pitchStd, speakingRate, languageId));
 * ZonosSequence s = lm.newSequence(c, audioPrefixCodesOrNull, SamplingParams.upstreamDefaults(), 2f, seed, maxFrames);
 * lm.prefill(s);
 * while (!s.finished()) {
 *     lm.decodeStep(List.of(s));        // or every active sequence at once
 * }
 * int[][] codes = s.codes();            // [9][frames], prefix included
 * }</pre>
 *
 * Batching: {@link dev.zonos4j.model.zonos.ZonosModel#decodeStep} takes any list of prefilled, unfinished
 * sequences; each keeps its own positions, KV blocks and RNG, so its codes are bit-identical alone or
 * batched. KV memory comes from the model's {@link dev.zonos4j.tensor.KvPool} (the hybrid's attention layers
 * only; its Mamba2 states are fixed-size float32 arrays per stream): {@link dev.zonos4j.model.zonos.ZonosModel#kvBytesFor}
 * is what a sequence holds at most, reserved at creation and returned when finished or closed.
 */
package dev.zonos4j.model.zonos;
