// The page of `zonos serve`: it speaks only through the public API (/v1/...), as any client would.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { config: null, pcm: [], sampleRate: 44100, lastBody: null, abort: null, audio: null, playAt: 0, url: null };

class ApiError extends Error {
  constructor(message, param) { super(message); this.param = param; }
}

async function api(path, init = {}) {
  const headers = new Headers(init.headers || {});
  const key = $("api-key").value.trim();
  if (key) headers.set("Authorization", `Bearer ${key}`);
  let response;
  try {
    response = await fetch(path, { ...init, headers });
  } catch (e) {
    if (e.name === "AbortError") throw e;
    throw new ApiError(`cannot reach the server: ${e.message}`, null);
  }
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    let param = null;
    try {
      const body = await response.json();
      message = body.error?.message || message;
      param = body.error?.param || null;
    } catch { /* not JSON: the status line says it */ }
    throw new ApiError(message, param);
  }
  return response;
}

function clearErrors() {
  document.querySelectorAll(".error").forEach((e) => { e.textContent = ""; });
  document.querySelectorAll(".invalid").forEach((e) => e.classList.remove("invalid"));
}

// An API error goes next to the field it names (its "param"), or beside the button that sent it.
function showError(error, fallback) {
  const param = error.param && document.querySelector(`.error[data-for="${error.param}"]`) ? error.param : fallback;
  document.querySelector(`.error[data-for="${param}"]`).textContent = error.message;
  const field = $(param) || (param === "emotion" ? $("emotions") : null);
  if (field) field.classList.add("invalid");
}

function fmt(x, digits) { return Number(x).toFixed(digits); }

async function init() {
  state.config = await (await fetch("/ui/config.json")).json();
  const c = state.config;
  $("model").textContent = c.model;
  $("key-box").hidden = !c.api_key_required;
  $("api-key").value = localStorage.getItem("zonos-api-key") || "";
  $("api-key").addEventListener("change", () => { localStorage.setItem("zonos-api-key", $("api-key").value); loadVoices(); });
  for (const code of c.languages) $("language").add(new Option(code, code, false, code === c.defaults.language));
  for (const f of c.formats) $("download-format").add(new Option(f, f, false, f === "wav"));
  const sliders = $("emotions");
  c.emotions.forEach((name, i) => {
    const label = document.createElement("label");
    label.innerHTML = `${name[0].toUpperCase() + name.slice(1)} <output data-of="emotion-${i}"></output>`
      + `<input id="emotion-${i}" type="range" min="0" max="1" step="0.01">`;
    sliders.append(label);
    label.querySelector("input").value = c.defaults.emotion[i];
  });
  $("speaking_rate").value = c.defaults.speaking_rate;
  $("pitch_std").value = c.defaults.pitch_std;
  $("fmax").value = c.defaults.fmax;
  $("cfg").value = c.defaults.cfg;
  $("seed").value = c.defaults.seed;
  $("mode").value = c.defaults.mode;
  document.querySelectorAll("input[type=range]").forEach((r) => {
    const out = document.querySelector(`output[data-of="${r.id}"]`);
    const show = () => { out.textContent = r.value; };
    r.addEventListener("input", show);
    show();
  });
  $("input").addEventListener("input", () => { $("chars").textContent = `${$("input").value.length} characters`; });
  $("text-file").addEventListener("change", openText);
  $("clip").addEventListener("change", analyzeClip);
  $("save-voice").addEventListener("click", saveVoice);
  $("speak").addEventListener("click", speak);
  $("stop").addEventListener("click", () => state.abort?.abort());
  $("download").addEventListener("click", download);
  await loadVoices();
  document.body.dataset.ready = "true";
}

async function openText() {
  const file = $("text-file").files[0];
  if (!file) return;
  $("input").value = await file.text();
  $("input").dispatchEvent(new Event("input"));
}

async function loadVoices(select) {
  const picker = $("voice");
  picker.replaceChildren(new Option("neutral (the model's own voice)", "neutral"));
  try {
    const list = await (await api("/v1/voices")).json();
    for (const v of list.data) picker.add(new Option(`${v.name} (${v.quality.verdict})`, v.name, false, v.name === select));
  } catch (e) {
    showError(e, "voice");
  }
}

async function analyzeClip() {
  clearErrors();
  const file = $("clip").files[0];
  const box = $("clip-report");
  box.hidden = true;
  $("save-voice").disabled = true;
  if (!file) return;
  const form = new FormData();
  form.append("file", file);
  try {
    const report = await (await api("/v1/voices/analyze", { method: "POST", body: form })).json();
    box.replaceChildren();
    const verdict = document.createElement("p");
    verdict.innerHTML = `<span class="verdict ${report.verdict}">${report.verdict}</span> ${file.name}`;
    box.append(verdict);
    if (report.reasons.length) {
      const ul = document.createElement("ul");
      for (const r of report.reasons) { const li = document.createElement("li"); li.textContent = r; ul.append(li); }
      box.append(ul);
    }
    const table = document.createElement("table");
    for (const [k, v] of Object.entries(report)) {
      if (typeof v !== "number") continue;
      const tr = table.insertRow();
      tr.insertCell().textContent = k.replaceAll("_", " ");
      tr.insertCell().textContent = Number.isInteger(v) ? v : v.toFixed(2);
    }
    box.append(table);
    if (report.stored_as.length) {
      const p = document.createElement("p");
      p.className = "muted";
      p.textContent = `Already stored as: ${report.stored_as.join(", ")}`;
      box.append(p);
    }
    box.hidden = false;
    $("save-voice").disabled = report.verdict === "unusable";
    if (!$("voice-name").value) $("voice-name").value = file.name.replace(/\.[^.]*$/, "").replace(/[^A-Za-z0-9._-]/g, "_");
  } catch (e) {
    showError(e, "file");
  }
}

async function saveVoice() {
  clearErrors();
  const form = new FormData();
  form.append("name", $("voice-name").value.trim());
  form.append("file", $("clip").files[0]);
  $("save-voice").disabled = true;
  try {
    const v = await (await api("/v1/voices", { method: "POST", body: form })).json();
    await loadVoices(v.name);
  } catch (e) {
    showError(e, "name");
  } finally {
    $("save-voice").disabled = false;
  }
}

function requestBody() {
  const emotion = state.config.emotions.map((_, i) => Number($(`emotion-${i}`).value));
  const body = {
    model: state.config.model, input: $("input").value, voice: $("voice").value, language: $("language").value,
    emotion, speaking_rate: Number($("speaking_rate").value), pitch_std: Number($("pitch_std").value),
    fmax: Number($("fmax").value), cfg: Number($("cfg").value), mode: $("mode").value,
  };
  const seed = $("seed").value.trim();
  if (seed !== "") body.seed = Number(seed);
  const frames = Number($("max_frames").value);
  if (frames > 0) body.max_frames = frames;
  return body;
}

function setProgress(p, done) {
  // 100% only once the stream has ended: the last segment still has audio to decode after it is generated.
  const percent = done ? 100 : p.segments > 0 ? Math.min(99, Math.floor((100 * p.segments_done) / p.segments)) : 0;
  $("progress").value = percent;
  $("percent").textContent = `${percent}%`;
  $("segments").textContent = `${p.segments_done} / ${p.segments}`;
  $("audio-seconds").textContent = `${fmt(p.audio_seconds, 1)} s`;
  $("rtf").textContent = p.rtf == null ? "–" : fmt(p.rtf, 2);
}

// Plays each chunk as it arrives: 16-bit PCM into Web Audio buffers queued back to back.
function play(samples) {
  if (!state.audio) return;
  const buffer = state.audio.createBuffer(1, samples.length, state.sampleRate);
  buffer.getChannelData(0).set(samples);
  const source = state.audio.createBufferSource();
  source.buffer = buffer;
  source.connect(state.audio.destination);
  state.playAt = Math.max(state.playAt, state.audio.currentTime + 0.05);
  source.start(state.playAt);
  state.playAt += buffer.duration;
}

function toFloat(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(bytes.byteLength >> 1);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt16(2 * i, true) / 32768;
  return out;
}

function base64Bytes(text) {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

async function speak() {
  clearErrors();
  const body = requestBody();
  state.lastBody = body;
  state.pcm = [];
  document.body.dataset.state = "speaking";
  $("progress").value = 0;
  $("percent").textContent = "0%";
  $("speak").disabled = true;
  $("stop").disabled = false;
  $("download").disabled = true;
  try {
    state.audio = state.audio || new AudioContext();
    await state.audio.resume();
  } catch {
    state.audio = null; // no audio output here: the finished file still lands in the player
  }
  state.playAt = 0;
  state.abort = new AbortController();
  try {
    const response = await api("/v1/audio/speech", {
      method: "POST", headers: { "Content-Type": "application/json" }, signal: state.abort.signal,
      body: JSON.stringify({ ...body, response_format: "pcm", stream_format: "sse", progress: true }),
    });
    let finished = false;
    let last = null;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let pending = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      pending += value;
      let cut;
      while ((cut = pending.indexOf("\n\n")) >= 0) {
        const line = pending.slice(0, cut);
        pending = pending.slice(cut + 2);
        if (!line.startsWith("data: ")) continue;
        const event = JSON.parse(line.slice(6));
        if (event.type === "speech.audio.delta") {
          const bytes = base64Bytes(event.audio);
          state.pcm.push(bytes);
          play(toFloat(bytes));
        } else if (event.type === "speech.progress") {
          state.sampleRate = event.sample_rate || state.sampleRate;
          last = event;
          setProgress(event, false);
        } else if (event.type === "speech.audio.done") {
          finished = true;
        }
      }
    }
    if (!finished) throw new ApiError("the stream ended early: the server stopped generating (see its log)", null);
    setProgress(last, true);
    const wav = wavBlob();
    if (state.url) URL.revokeObjectURL(state.url);
    state.url = URL.createObjectURL(wav);
    $("player").src = state.url;
    document.body.dataset.serverSeconds = String(last.audio_seconds);
    document.body.dataset.state = "done";
    $("download").disabled = false;
  } catch (e) {
    document.body.dataset.state = "error";
    if (e.name === "AbortError") {
      document.querySelector('.error[data-for="general"]').textContent = "stopped";
    } else {
      showError(e, "general");
    }
  } finally {
    $("speak").disabled = false;
    $("stop").disabled = true;
  }
}

function wavBlob() {
  const length = state.pcm.reduce((n, b) => n + b.length, 0);
  const header = new DataView(new ArrayBuffer(44));
  const ascii = (at, s) => [...s].forEach((ch, i) => header.setUint8(at + i, ch.charCodeAt(0)));
  ascii(0, "RIFF"); header.setUint32(4, 36 + length, true); ascii(8, "WAVE");
  ascii(12, "fmt "); header.setUint32(16, 16, true); header.setUint16(20, 1, true); header.setUint16(22, 1, true);
  header.setUint32(24, state.sampleRate, true); header.setUint32(28, 2 * state.sampleRate, true);
  header.setUint16(32, 2, true); header.setUint16(34, 16, true);
  ascii(36, "data"); header.setUint32(40, length, true);
  return new Blob([header, ...state.pcm], { type: "audio/wav" });
}

// WAV is built from the samples already here; other formats are asked of the server with the same request
// (same seed, so the same speech), encoded by the server's own encoders.
async function download() {
  clearErrors();
  const format = $("download-format").value;
  $("download").disabled = true;
  try {
    const blob = format === "wav" ? wavBlob()
      : await (await api("/v1/audio/speech", {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ ...state.lastBody, response_format: format }),
      })).blob();
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = `zonos.${format === "opus" ? "ogg" : format}`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  } catch (e) {
    showError(e, "download");
  } finally {
    $("download").disabled = false;
  }
}

init().catch((e) => {
  document.querySelector('.error[data-for="general"]').textContent = `the page could not start: ${e.message}`;
});
