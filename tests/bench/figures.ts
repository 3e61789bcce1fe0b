import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

// The benchmark's figures: latency percentiles and single values, collected and printed as a table.

export function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
}

export interface Row {
  what: string;
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  goal?: string;
}
export const rows: Row[] = [];
export const notes: string[] = [];
/** A remark under the table, also printed at once (a later failure of the run keeps it). */
export function note(text: string): void {
  notes.push(text);
  console.log(`  - ${text}`);
}
export function record(what: string, values: number[], goal?: string): Row {
  const row = {
    what,
    n: values.length,
    p50: pct(values, 50),
    p95: pct(values, 95),
    p99: pct(values, 99),
    max: Math.max(...values),
    goal,
  };
  rows.push(row);
  console.log(`  ${what}: p50 ${row.p50.toFixed(1)} p99 ${row.p99.toFixed(1)} (n=${row.n})`);
  return row;
}
export function single(what: string, value: number, goal?: string) {
  rows.push({ what, n: 1, p50: value, p95: value, p99: value, max: value, goal });
  console.log(`  ${what}: ${value.toFixed(1)}`);
}
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

/**
 * The machine's speed, for comparing runs made on different days: a fixed task of hashing and JSON
 * (what the nodes spend their time on), best of three, in ms. Machines of the same kind have differed
 * by nearly two to one here (issue 20: the same code, the same sockets, twice the time to open them).
 */
export function calibrate(): number {
  const text = JSON.stringify({ incident: { id: 1, number: '2026-000001', notes: 'x'.repeat(600) } });
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    const t = performance.now();
    for (let i = 0; i < 20_000; i++) {
      createHash('sha256').update(text).digest('hex');
      JSON.parse(JSON.stringify(JSON.parse(text)));
    }
    best = Math.min(best, performance.now() - t);
  }
  return best;
}
const calibrated = calibrate();

/** Prints the collected figures as the table docs/performance.md quotes, then the remarks. */
export function printTable(): void {
  const f = (v: number) => v.toFixed(1).padStart(8);
  console.log(
    `\n${'measurement (ms unless MB)'.padEnd(80)}      n      p50      p95      p99      max  goal`,
  );
  for (const r of rows)
    console.log(
      `${r.what.padEnd(80)} ${String(r.n).padStart(6)} ${f(r.p50)} ${f(r.p95)} ${f(r.p99)} ${f(r.max)}  ${r.goal ?? ''}`,
    );
  for (const n of notes) console.log(`- ${n}`);
  console.log(
    `\n(${new Date().toISOString()}, PostgreSQL on 127.0.0.1, Node ${process.version}, 2 cores; ` +
      `the machine's fixed task, figures.ts calibrate(): ${calibrated.toFixed(0)} ms)`,
  );
}
