// Drives the page of `zonos serve` in Debian's chromium (puppeteer-core; no browser download): upload a voice
// clip and see its report, save it, speak two paragraphs, wait for the player to hold a playable file as long as
// the server's own answer for the same request, see progress at 100%, then see the error for an empty text.
// Usage: node page.mjs BASE_URL CHROMIUM SCREENSHOT_DIR
import puppeteer from "puppeteer-core";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { voiceWav } from "./voice.mjs";

const [baseUrl, chromium, shots] = process.argv.slice(2);
const work = mkdtempSync(join(tmpdir(), "zonos-page-"));
const clip = join(work, "voice.wav");
writeFileSync(clip, voiceWav());
const TEXT = "The first paragraph is short. It has two sentences.\n\nThe second paragraph follows after a blank line.";
const MAX_FRAMES = 40;

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  userDataDir: join(work, "profile"),
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required"],
});
try {
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) problems.push(`console: ${m.text()}`);
  });
  // Every failed request is a problem except the one this test provokes (the empty text).
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`${r.request().method()} ${new URL(r.url()).pathname}: ${r.status()}`);
  });
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(baseUrl, { waitUntil: "load" });
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });

  // The clip's report appears before anything is stored.
  await page.click("#voice-add summary");
  const upload = await page.$("#clip");
  await upload.uploadFile(clip);
  await page.waitForSelector("#clip-report:not([hidden]) .verdict", { timeout: 30_000 });
  const verdict = await page.$eval("#clip-report .verdict", (e) => e.textContent);
  assert.ok(["good", "poor"].includes(verdict), `the clip's verdict is shown, got '${verdict}'`);
  const stored = await (await fetch(`${baseUrl}/v1/voices`)).json();
  assert.equal(stored.data.length, 0, "analyzing stores nothing");
  await page.$eval("#voice-name", (e) => { e.value = ""; });
  await page.type("#voice-name", "browser-voice");
  await page.click("#save-voice");
  await page.waitForFunction(() => document.querySelector("#voice").value === "browser-voice", { timeout: 60_000 });

  await page.type("#input", TEXT);
  await page.$eval("#max_frames", (e, v) => { e.value = String(v); }, MAX_FRAMES);
  await page.click("#speak");
  await page.waitForFunction(() => ["done", "error"].includes(document.body.dataset.state), { timeout: 240_000 });
  const general = await page.$eval('.error[data-for="general"]', (e) => e.textContent);
  assert.equal(await page.evaluate(() => document.body.dataset.state), "done", `speaking failed: ${general}`);
  assert.equal(await page.$eval("#progress", (e) => e.value), 100, "progress reached 100%");
  assert.equal(await page.$eval("#percent", (e) => e.textContent), "100%");
  const segments = await page.$eval("#segments", (e) => e.textContent);
  assert.match(segments, /^(\d+) \/ \1$/, `all segments done, got '${segments}'`);
  await page.waitForFunction(() => document.querySelector("#player").readyState >= 1, { timeout: 30_000 });
  const duration = await page.$eval("#player", (e) => e.duration);

  // The server's answer for the same request, as a WAV file: its length is the truth the player must match.
  const body = await page.evaluate(() => requestBody());
  const wav = Buffer.from(await (await fetch(`${baseUrl}/v1/audio/speech`, {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ...body, response_format: "wav" }),
  })).arrayBuffer());
  const serverSeconds = (wav.length - 44) / 2 / wav.readUInt32LE(24);
  assert.ok(serverSeconds > 0.2, `the server spoke, got ${serverSeconds} s`);
  assert.ok(Math.abs(duration - serverSeconds) < 0.01,
    `the player's file lasts ${duration} s, the server's WAV ${serverSeconds} s`);
  const shown = Number(await page.evaluate(() => document.body.dataset.serverSeconds));
  assert.ok(Math.abs(shown - serverSeconds) < 0.01, `progress showed ${shown} s of audio, the WAV has ${serverSeconds} s`);
  await page.screenshot({ path: join(shots, "page.png"), fullPage: true });

  // An empty text: the server's message appears next to the text box.
  await page.$eval("#input", (e) => { e.value = ""; });
  await page.click("#speak");
  await page.waitForFunction(() => document.querySelector('.error[data-for="input"]').textContent.length > 0,
    { timeout: 30_000 });
  const error = await page.$eval('.error[data-for="input"]', (e) => e.textContent);
  assert.match(error, /'input' is empty/, `the empty-text error is shown next to the text box, got '${error}'`);
  await page.screenshot({ path: join(shots, "page-error.png"), fullPage: true });
  assert.deepEqual(problems, ["POST /v1/audio/speech: 400"], "no script errors or failed requests but the empty text");
  console.log(`browser: voice '${verdict}', ${segments} segments, player ${duration.toFixed(3)} s = server ${serverSeconds.toFixed(3)} s;`
    + ` screenshots in ${shots}`);
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
