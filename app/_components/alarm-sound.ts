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
      const ctx = this.ctx;
      if (ctx?.state !== 'running') return;
      const t0 = ctx.currentTime;
      for (const [i, freq] of [880, 660, 880, 660].entries()) {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.type = 'square';
        osc.frequency.value = freq;
        gain.gain.setValueAtTime(0.0001, t0 + i * 0.25);
        gain.gain.exponentialRampToValueAtTime(0.25, t0 + i * 0.25 + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, t0 + i * 0.25 + 0.23);
        osc.connect(gain).connect(ctx.destination);
        osc.start(t0 + i * 0.25);
        osc.stop(t0 + i * 0.25 + 0.24);
      }
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
    if (ctx.state !== 'running') return;
    const t0 = ctx.currentTime;
    for (const [i, freq] of [660, 990].entries()) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, t0 + i * 0.18);
      gain.gain.exponentialRampToValueAtTime(0.3, t0 + i * 0.18 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + i * 0.18 + 0.17);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t0 + i * 0.18);
      osc.stop(t0 + i * 0.18 + 0.18);
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private ensure() {
    if (!this.ctx && typeof AudioContext !== 'undefined') this.ctx = new AudioContext();
  }
}
