// Writes a speech-like reference clip (16 kHz, 16-bit WAV): 12 s of syllable-length voiced bursts (a 140 Hz
// harmonic series with formant-like weights) separated by short pauses, with a little noise. Usage: node voice.mjs OUT
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export function voiceWav(seconds = 12, rate = 16_000) {
  const n = seconds * rate;
  const data = Buffer.alloc(44 + 2 * n);
  let seed = 12345;
  const noise = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff - 0.5; };
  for (let i = 0; i < n; i++) {
    const t = i / rate;
    const syllable = t % 0.45;
    const envelope = syllable < 0.3 ? Math.sin((Math.PI * syllable) / 0.3) ** 2 : 0;
    const f0 = 140 * (1 + 0.08 * Math.sin(2 * Math.PI * 0.7 * t));
    let v = 0;
    for (let h = 1; h <= 20; h++) {
      const f = h * f0;
      const weight = Math.exp(-((f - 700) ** 2) / 2e5) + 0.6 * Math.exp(-((f - 1800) ** 2) / 4e5) + 0.05;
      v += weight * Math.sin(2 * Math.PI * f * t) / h ** 0.5;
    }
    const s = 0.12 * envelope * v + 0.002 * noise();
    data.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(s * 32767))), 44 + 2 * i);
  }
  data.write("RIFF", 0, "ascii"); data.writeUInt32LE(36 + 2 * n, 4); data.write("WAVE", 8, "ascii");
  data.write("fmt ", 12, "ascii"); data.writeUInt32LE(16, 16); data.writeUInt16LE(1, 20); data.writeUInt16LE(1, 22);
  data.writeUInt32LE(rate, 24); data.writeUInt32LE(2 * rate, 28); data.writeUInt16LE(2, 32); data.writeUInt16LE(16, 34);
  data.write("data", 36, "ascii"); data.writeUInt32LE(2 * n, 40);
  return data;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeFileSync(process.argv[2], voiceWav());
