// Builds the web UI into web/dist when it is missing or older than its sources; fast when up to date.
// `node scripts/build-web.mjs --force` always builds.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEB = path.join(ROOT, 'web');
const BUILT = path.join(WEB, 'dist', 'index.html');
const SOURCES = [
  path.join(WEB, 'src'),
  path.join(WEB, 'index.html'),
  path.join(WEB, 'vite.config.ts'),
  path.join(ROOT, 'package-lock.json'),
];

function newestMtime(entry) {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

export function webIsUpToDate() {
  if (!fs.existsSync(BUILT)) return false;
  const built = fs.statSync(BUILT).mtimeMs;
  return SOURCES.every((source) => newestMtime(source) <= built);
}

export async function buildWeb({ force = false } = {}) {
  if (!force && webIsUpToDate()) return false;
  let vite;
  try {
    vite = await import('vite');
  } catch {
    if (fs.existsSync(BUILT)) {
      console.warn('web UI: vite is not installed (production install?); serving the existing web/dist');
      return false;
    }
    throw new Error('web UI: web/dist is missing and vite is not installed; run `npm install` first');
  }
  console.log('web UI: building web/dist …');
  // Vite follows NODE_ENV: under a test runner (NODE_ENV=test) it would bundle React's development build.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await vite.build({ configFile: path.join(WEB, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildWeb({ force: process.argv.includes('--force') });
}
