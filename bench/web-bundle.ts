// The JavaScript a browser downloads before the dashboard shows: index.html's module script and its
// modulepreloads, plus the dashboard screen's chunk and what it imports statically (the chart is loaded later).
// Sizes are gzipped, as the server's reverse proxy or a CDN sends them.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'web', 'dist');
/** The budget for the dashboard's first load. */
export const FIRST_LOAD_BUDGET_BYTES = 300 * 1024;
const DASHBOARD_SOURCE = 'src/screens/dashboard.tsx';

interface ManifestChunk {
  readonly file: string;
  readonly src?: string;
  readonly imports?: readonly string[];
  readonly dynamicImports?: readonly string[];
}

export interface WebBundleReport {
  /** Files of the first load, relative to web/dist, with their gzipped sizes. */
  readonly files: readonly { readonly file: string; readonly gzipBytes: number; readonly rawBytes: number }[];
  readonly firstLoadGzipBytes: number;
  readonly firstLoadRawBytes: number;
  readonly budgetBytes: number;
  readonly withinBudget: boolean;
  /** Chunks loaded later by the dashboard (the chart library), gzipped. */
  readonly deferredGzipBytes: number;
}

/** Reads web/dist (built with `npm run build:web`) and measures the dashboard route's first load. */
export function measureWebBundle(dist: string = WEB_DIST): WebBundleReport {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const fromHtml = [
    ...[...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]),
    ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]),
  ]
    .filter((href): href is string => href !== undefined)
    .map((href) => href.replace(/^\//, ''));
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const first = new Set(fromHtml);
  const deferred = new Set<string>();
  const addStatic = (key: string): void => {
    const chunk = manifest[key];
    if (!chunk || first.has(chunk.file)) return;
    first.add(chunk.file);
    for (const imported of chunk.imports ?? []) addStatic(imported);
  };
  const dashboardKey = Object.keys(manifest).find((key) => manifest[key]?.src === DASHBOARD_SOURCE);
  if (!dashboardKey)
    throw new Error(`${DASHBOARD_SOURCE} is not in the build's manifest; run npm run build:web`);
  addStatic(dashboardKey);
  for (const lazy of manifest[dashboardKey]?.dynamicImports ?? []) {
    const chunk = manifest[lazy];
    if (chunk && !first.has(chunk.file)) deferred.add(chunk.file);
  }
  const measure = (file: string): { file: string; gzipBytes: number; rawBytes: number } => {
    const bytes = fs.readFileSync(path.join(dist, file));
    return { file, gzipBytes: gzipSync(bytes).length, rawBytes: bytes.length };
  };
  const files = [...first].filter((f) => f.endsWith('.js')).map(measure);
  const firstLoadGzipBytes = files.reduce((sum, f) => sum + f.gzipBytes, 0);
  return {
    files,
    firstLoadGzipBytes,
    firstLoadRawBytes: files.reduce((sum, f) => sum + f.rawBytes, 0),
    budgetBytes: FIRST_LOAD_BUDGET_BYTES,
    withinBudget: firstLoadGzipBytes <= FIRST_LOAD_BUDGET_BYTES,
    deferredGzipBytes: [...deferred].map(measure).reduce((sum, f) => sum + f.gzipBytes, 0),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const report = measureWebBundle();
  const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
  for (const f of report.files) console.log(`${kib(f.gzipBytes).padStart(10)}  ${f.file}`);
  console.log(
    `dashboard first load: ${kib(report.firstLoadGzipBytes)} gzipped JS (budget ${kib(report.budgetBytes)}): ${report.withinBudget ? 'PASS' : 'FAIL'}`,
  );
  console.log(`loaded later by the dashboard (charts): ${kib(report.deferredGzipBytes)} gzipped`);
}
