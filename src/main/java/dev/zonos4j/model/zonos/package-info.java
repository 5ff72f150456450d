/**
 * The Zonos v0.1 transformer language model: text conditioning to DAC codes, exactly as upstream's
 * {@code Zonos.generate()}.
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
 * batched. KV memory comes from the model's {@link dev.zonos4j.tensor.KvPool}: a sequence reserves
 * {@link dev.zonos4j.model.zonos.ZonosModel#kvBytesFor} at creation and returns it when finished or closed.
 */
package dev.zonos4j.model.zonos;
