// One tune on the page: abcjs draws it as notation (into its own SVG: the ABC text is
// never inserted as HTML), a small Web Audio instrument plays it, and the note being
// played is highlighted. Nothing is fetched: abcjs's own synth would download sampled
// instruments from a remote host, so only its timing events are used here (TimingCallbacks
// walks the tune and hands over each note's MIDI pitches and the SVG elements to light).
import abcjs from "abcjs";
import type {NoteTimingEvent, TuneObject} from "abcjs";
import {button} from "../controls.ts";
import type {ExtractedTune} from "./tunes.ts";
import {downloadBlob} from "../download.ts";

export interface TuneView {
  root: HTMLElement;
  stop(): void;
}

/** Beats (quarter notes) a minute when the tune gives no Q: field; a comfortable reel pace. */
const DEFAULT_QPM = 160;
const HIGHLIGHT = "manus-note-playing";

export function renderTune(tune: ExtractedTune, name: string): TuneView {
  const root = document.createElement("div");
  root.className = "manus-tune";
  root.dataset.tune = name;
  const heading = document.createElement("div");
  heading.className = "manus-tune-title";
  heading.textContent = `${tune.title || "Untitled"}${tune.truncated ? " (cut off by the length limit)" : ""}`;
  const status = document.createElement("p");
  status.className = tune.warnings.length ? "manus-notice manus-notice-error" : "manus-notice";
  status.textContent = tune.warnings.length
    ? `abcjs reports ${tune.warnings.length} problem${tune.warnings.length === 1 ? "" : "s"}: ${tune.warnings.slice(0, 3).join("; ")}${tune.warnings.length > 3 ? "; …" : ""}`
    : "abcjs parses this tune without a warning.";
  const paper = document.createElement("div");
  paper.className = "manus-tune-paper";
  const sheet = tuneSheet(paper);
  const visual: TuneObject | undefined = abcjs.renderAbc(paper, tune.abc, {add_classes: true, staffwidth: 640, scale: 0.9, responsive: "resize"})[0];
  let timing: abcjs.TimingCallbacks | null = null;
  let audio: AudioContext | null = null;
  const playButton = button("Play", "play", () => (timing ? stop() : void play()));
  const stop = () => {
    timing?.stop();
    timing = null;
    paper.querySelectorAll(`.${HIGHLIGHT}`).forEach((el) => el.classList.remove(HIGHLIGHT));
    playButton.textContent = "Play";
  };
  async function play(): Promise<void> {
    if (!visual) return;
    // Created on the click (browsers start audio only from a user gesture) and reused.
    audio ??= new AudioContext();
    await audio.resume();
    const context = audio;
    playButton.textContent = "Stop";
    timing = new abcjs.TimingCallbacks(visual, {
      qpm: visual.getBpm() || DEFAULT_QPM,
      eventCallback: (event: NoteTimingEvent | null) => {
        paper.querySelectorAll(`.${HIGHLIGHT}`).forEach((el) => el.classList.remove(HIGHLIGHT));
        if (!event) return void stop(); // the end of the tune
        for (const group of event.elements ?? []) for (const el of group) el.classList.add(HIGHLIGHT);
        for (const pitch of event.midiPitches ?? []) {
          playNote(context, pitch.pitch, (pitch.duration * event.millisecondsPerMeasure) / 1000, pitch.volume / 127);
        }
        return undefined;
      }
    });
    timing.start();
  }
  const downloads = document.createElement("span");
  downloads.append(
    button("Download ABC", "download-abc", () => downloadBlob(new Blob([tune.abc + "\n"], {type: "text/vnd.abc"}), `${fileStem(tune)}.abc`)),
    button("Download MIDI", "download-midi", () => {
      if (!visual) return;
      const bytes = abcjs.synth.getMidiFile(visual, {midiOutputType: "binary"}) as Uint8Array;
      downloadBlob(new Blob([bytes.slice()], {type: "audio/midi"}), `${fileStem(tune)}.mid`);
    })
  );
  if (!visual) playButton.disabled = true;
  const row = document.createElement("div");
  row.className = "manus-controls";
  row.append(playButton, downloads);
  root.append(heading, status, sheet, row);
  return {root, stop};
}

/** A plucked, slightly bowed tone: a triangle and a quieter sawtooth an octave up under a
 * short attack and an exponential decay. Frequency from MIDI: 440 · 2^((p − 69) / 12). */
export function playNote(context: AudioContext, pitch: number, seconds: number, loudness: number): void {
  const now = context.currentTime;
  const frequency = 440 * 2 ** ((pitch - 69) / 12);
  const gain = context.createGain();
  const peak = 0.25 * Math.max(0.05, Math.min(1, loudness));
  const end = now + Math.max(0.08, seconds * 0.95);
  gain.gain.setValueAtTime(0, now);
  gain.gain.linearRampToValueAtTime(peak, now + 0.01);
  gain.gain.exponentialRampToValueAtTime(peak * 0.4, now + Math.min(0.2, seconds));
  gain.gain.exponentialRampToValueAtTime(0.0001, end);
  gain.connect(context.destination);
  for (const [type, ratio, level] of [["triangle", 1, 1], ["sawtooth", 2, 0.15]] as const) {
    const osc = context.createOscillator();
    const mix = context.createGain();
    osc.type = type;
    osc.frequency.value = frequency * ratio;
    mix.gain.value = level;
    osc.connect(mix).connect(gain);
    osc.start(now);
    osc.stop(end + 0.02);
  }
}

function fileStem(tune: ExtractedTune): string {
  const stem = tune.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40);
  return stem || "generated-tune";
}

/**
 * The score's paper in a wrapper that limits its width. abcjs makes a responsive score as tall
 * as a padding-bottom share of the paper's parent's width, so the limit must sit on that
 * parent: on the paper itself, a wide page would get a tall empty band under the score.
 */
export function tuneSheet(paper: HTMLElement): HTMLElement {
  const sheet = document.createElement("div");
  sheet.className = "manus-tune-sheet";
  sheet.append(paper);
  return sheet;
}
