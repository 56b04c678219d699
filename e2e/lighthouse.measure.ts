import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { launch } from 'chrome-launcher';
import lighthouse, { type Result } from 'lighthouse';
import { expect, test } from '@playwright/test';
import { ARTIFACTS_DIR, SPA_ORIGIN } from './support/origins.ts';
import { resolveChromium } from './support/chromium.ts';

/**
 * A measurement, not a test (`npm run measure:lighthouse`; `npm test` does not
 * run it): Lighthouse's mobile performance run (its defaults: a simulated Slow
 * 4G network and a 4× slower CPU) of the production build served as a CDN
 * serves it (the e2e static server, with the emulator and the API that the
 * Playwright config starts), for `/` and `/sign-in`, RUNS cold loads each, the
 * median of each figure printed. Every report is kept in .artifacts/lighthouse/.
 */
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const PAGES = ['/', '/sign-in'] as const;
const REPORTS_DIR = `${ARTIFACTS_DIR}lighthouse/`;

/** Chromium in a container with loopback only: nothing of its own may reach the network. */
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

interface Figures {
  score: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  /** Lighthouse's own CPU benchmark of this machine: about 1,000 or more when quiet, far less when loaded. */
  benchmark: number;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Requests Lighthouse saw that would have left this machine (data: and blob: never do). */
function escapedRequests(lhr: Result): string[] {
  const details = lhr.audits['network-requests']?.details;
  const items = details?.type === 'table' ? details.items : [];
  return items
    .map((item) => (typeof item.url === 'string' ? item.url : ''))
    .filter((url) => {
      const { protocol, hostname } = new URL(url);
      return (protocol === 'http:' || protocol === 'https:') && !LOOPBACK_HOSTS.has(hostname);
    });
}

function figuresOf(lhr: Result): Figures {
  const value = (id: string) => {
    const numeric = lhr.audits[id]?.numericValue;
    if (numeric === undefined) throw new Error(`Lighthouse measured no ${id} for ${lhr.finalDisplayedUrl}`);
    return numeric;
  };
  return {
    score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    fcp: value('first-contentful-paint'),
    lcp: value('largest-contentful-paint'),
    tbt: value('total-blocking-time'),
    cls: value('cumulative-layout-shift'),
    benchmark: lhr.environment.benchmarkIndex,
  };
}

async function runLighthouseOnce(url: string): Promise<Result> {
  const chrome = await launch({ chromePath: resolveChromium(), chromeFlags: CHROME_FLAGS, logLevel: 'error' });
  try {
    const result = await lighthouse(url, { port: chrome.port, onlyCategories: ['performance'], output: 'json', logLevel: 'error' });
    if (!result) throw new Error(`Lighthouse returned no result for ${url}`);
    if (result.lhr.runtimeError) throw new Error(`Lighthouse failed on ${url}: ${result.lhr.runtimeError.message}`);
    return result.lhr;
  } finally {
    chrome.kill();
  }
}

/** On a loaded machine Lighthouse sometimes loses the trace (NO_NAVSTART): one more try, then the error. */
async function runLighthouse(url: string): Promise<Result> {
  try {
    return await runLighthouseOnce(url);
  } catch (error) {
    console.log(`${String(error)}: trying once more`);
    return runLighthouseOnce(url);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function medianFigures(runs: Figures[]): Figures {
  return {
    score: median(runs.map((run) => run.score)),
    fcp: median(runs.map((run) => run.fcp)),
    lcp: median(runs.map((run) => run.lcp)),
    tbt: median(runs.map((run) => run.tbt)),
    cls: median(runs.map((run) => run.cls)),
    benchmark: median(runs.map((run) => run.benchmark)),
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const row = (path: string, f: Figures) =>
  `| \`${path}\` | ${String(f.score)} | ${seconds(f.fcp)} | ${seconds(f.lcp)} | ${f.tbt.toFixed(0)} ms | ${f.cls.toFixed(3)} | ${f.benchmark.toFixed(0)} |`;

test('Lighthouse mobile performance of / and /sign-in', async () => {
  test.setTimeout(PAGES.length * RUNS * 90_000);
  mkdirSync(REPORTS_DIR, { recursive: true });
  let version = '';
  const lines = ['| page | score | FCP | LCP | TBT | CLS | CPU benchmark |', '|---|---:|---:|---:|---:|---:|---:|'];
  for (const path of PAGES) {
    const runs: Figures[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const lhr = await runLighthouse(`${SPA_ORIGIN}${path}`);
      version = lhr.lighthouseVersion;
      writeFileSync(`${REPORTS_DIR}${path === '/' ? 'home' : path.slice(1)}-${String(run)}.json`, JSON.stringify(lhr));
      expect(escapedRequests(lhr), 'requests that would have left this machine').toEqual([]);
      runs.push(figuresOf(lhr));
      console.log(`${path} run ${String(run)}: ${row(path, runs.at(-1)!)}`);
    }
    lines.push(row(path, medianFigures(runs)));
  }
  // Lighthouse slows the CPU it measures by 4: on a busy machine that is 4× an already slow CPU, so say how busy it was.
  const load = `load average ${loadavg()
    .map((value) => value.toFixed(1))
    .join(' ')} on ${String(cpus().length)} cores`;
  const table = `Lighthouse ${version} mobile (simulated Slow 4G, 4× CPU), median of ${String(RUNS)}, ${load}:\n${lines.join('\n')}`;
  console.log(table);
  test.info().annotations.push({ type: 'lighthouse', description: table });
});
