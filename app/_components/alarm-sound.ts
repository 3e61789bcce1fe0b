'use client';

// A two-tone alarm generated with Web Audio: no sound file to load, works offline. Browsers keep
// audio suspended until the page has had a user gesture; `blocked` tells the screen to ask for one.
export class AlarmSound {
  private ctx: AudioContext | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;

  get blocked(): boolean {
    return this.ctx?.state === 'suspended';
  }

  /** Sounding right now: started and the audio context is allowed to play. */
  get playing(): boolean {
    return this.timer !== undefined && this.ctx?.state === 'running';
  }

  async unlock(): Promise<void> {
    this.ensure();
    await this.ctx?.resume().catch(() => {});
  }

  start(): void {
    if (this.timer) return;
    this.ensure();
    void this.ctx?.resume().catch(() => {});
    const beep = () => {
      if (this.ctx?.state === 'running') tones(this.ctx, [880, 660, 880, 660], 0.25, 'square', 0.25);
    };
    beep();
    this.timer = setInterval(beep, 1600);
  }

  /** One short rising tone (a new urgent incident on the dispatcher's board), not a loop. */
  chime(): void {
    this.ensure();
    const ctx = this.ctx;
    if (!ctx) return;
    void ctx.resume().catch(() => {});
    if (ctx.state === 'running') tones(ctx, [660, 990], 0.18, 'sine', 0.3);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private ensure() {
    if (!this.ctx && typeof AudioContext !== 'undefined') this.ctx = new AudioContext();
  }
}

/** Plays the frequencies one after another, `step` seconds each, with a short fade in and out. */
function tones(ctx: AudioContext, freqs: number[], step: number, type: OscillatorType, peak: number): void {
  const t0 = ctx.currentTime;
  for (const [i, freq] of freqs.entries()) {
    const at = t0 + i * step;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = type;
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(peak, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + step - 0.02);
    osc.connect(gain).connect(ctx.destination);
    osc.start(at);
    osc.stop(at + step - 0.01);
  }
}
