// npm test: build once, run every runner (Vitest, then Playwright), and print one closing line
// "tests: N passed, N failed" summed over all of them. Exits non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const ART = 'tests/.artifacts';
rmSync(ART, { recursive: true, force: true });
mkdirSync(ART, { recursive: true });

function run(cmd: string, args: string[], env: Record<string, string> = {}): number {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

let passed = 0;
let failed = 0;
let broken = false;

if (process.env.SKIP_BUILD !== '1') {
  if (run('npm', ['run', 'build']) !== 0) {
    console.log('tests: 0 passed, 1 failed');
    process.exit(1);
  }
}

if (run('npx', ['biome', 'check', '.']) !== 0) {
  console.error('lint: Biome found problems');
  failed += 1;
}

/** One Vitest run with a JSON report, added to the totals. */
function vitest(extra: string[], report: string): void {
  const code = run('npx', [
    'vitest',
    'run',
    ...extra,
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${report}`,
  ]);
  try {
    const v = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number };
    passed += v.numPassedTests;
    failed += v.numFailedTests;
    if (code !== 0 && v.numFailedTests === 0) broken = true;
  } catch {
    broken = true;
  }
}

vitest([], `${ART}/vitest.json`);
// The database's failover and restore (tests/ha): a cluster of its own, after the main suite.
vitest(['--config', 'tests/ha/vitest.config.ts'], `${ART}/vitest-ha.json`);

const pwCode = run('npx', ['playwright', 'test', '--reporter=list,json'], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: `${ART}/playwright.json`,
});
try {
  const p = JSON.parse(readFileSync(`${ART}/playwright.json`, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number };
  };
  passed += p.stats.expected;
  failed += p.stats.unexpected + p.stats.flaky;
  if (pwCode !== 0 && p.stats.unexpected === 0) broken = true;
} catch {
  broken = true;
}

if (broken) {
  console.error('a test runner failed without reporting a failed test (see its output above)');
  failed += 1;
}
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
