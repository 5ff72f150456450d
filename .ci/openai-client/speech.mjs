// The official openai npm client, unchanged, against `zonos serve`: models, speech in several formats,
// streamed speech, and an error surfacing as the SDK's typed error. Usage: node speech.mjs BASE_URL API_KEY
import OpenAI from "openai";
import assert from "node:assert/strict";

const [baseURL, apiKey] = process.argv.slice(2);
const client = new OpenAI({ baseURL: `${baseURL}/v1`, apiKey, maxRetries: 0, timeout: 300_000 });

const models = await client.models.list();
assert.ok(models.data.some((m) => m.id === "tts-1"), "tts-1 listed by /v1/models");

const input = "Hello from the official OpenAI client. Zonos speaks this.";
const extra = { seed: 3, max_frames: 24 }; // Zonos fields travel as extra body fields

const wav = Buffer.from(await (await client.audio.speech.create({
  model: "tts-1", voice: "alloy", input, response_format: "wav", ...extra,
})).arrayBuffer());
assert.equal(wav.subarray(0, 4).toString("ascii"), "RIFF");
assert.equal(wav.subarray(8, 12).toString("ascii"), "WAVE");
assert.ok(wav.length > 44 + 1000, `WAV with audio, got ${wav.length} bytes`);

for (const [format, magic] of [["flac", "fLaC"], ["opus", "OggS"]]) {
  const bytes = Buffer.from(await (await client.audio.speech.create({
    model: "tts-1", voice: "alloy", input, response_format: format, ...extra,
  })).arrayBuffer());
  assert.equal(bytes.subarray(0, 4).toString("ascii"), magic, `${format} starts with ${magic}`);
}
const mp3 = Buffer.from(await (await client.audio.speech.create({
  model: "tts-1", voice: "alloy", input, response_format: "mp3", ...extra,
})).arrayBuffer());
assert.ok(mp3.length > 100 && mp3[0] === 0xff && (mp3[1] & 0xe0) === 0xe0, "mp3 starts with a frame sync");

// Streaming: the body is read chunk by chunk as the server produces it.
const streamed = await client.audio.speech.create({
  model: "tts-1", voice: "alloy", input, response_format: "pcm", ...extra,
});
let chunks = 0;
let bytes = 0;
for await (const chunk of streamed.body) {
  chunks++;
  bytes += chunk.length;
}
assert.equal(bytes, wav.length - 44, "pcm stream holds the WAV's samples");

// SSE streaming as OpenAI defines it.
const sse = await client.audio.speech.create({
  model: "tts-1", voice: "alloy", input, response_format: "pcm", stream_format: "sse", ...extra,
});
const text = await sse.text();
const events = text.trim().split("\n\n").map((e) => JSON.parse(e.replace(/^data: /, "")));
assert.equal(events.at(-2).type, "speech.audio.done");
assert.equal(events.at(-1).type, "speech.report", "the run report comes last");
assert.equal(events.at(-1).report.report_version, 2);
const sseBytes = events.filter((e) => e.type === "speech.audio.delta")
  .reduce((n, e) => n + Buffer.from(e.audio, "base64").length, 0);
assert.equal(sseBytes, wav.length - 44, "SSE deltas hold the same samples");

await assert.rejects(
  client.audio.speech.create({ model: "tts-1", voice: "alloy", input, response_format: "aac" }),
  (e) => e instanceof OpenAI.BadRequestError && e.status === 400 && /supported: wav, pcm, flac, mp3, opus/.test(e.message),
);
await assert.rejects(
  new OpenAI({ baseURL: `${baseURL}/v1`, apiKey: "wrong", maxRetries: 0 }).models.list(),
  (e) => e instanceof OpenAI.AuthenticationError && e.status === 401,
);

console.log(`openai client: models, wav/flac/opus/mp3, streamed pcm (${chunks} chunks), SSE and errors OK`);
