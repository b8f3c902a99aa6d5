// `npm run bench -- web`: the size of the web interface's first load (the dashboard route), gzipped, against
// the 300 KiB budget. Builds web/dist first when it is missing or out of date.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { formatTable } from './lib/table.ts';
import { checkTarget, type BenchSuite } from './lib/suite.ts';
import { measureWebBundle } from './web-bundle.ts';

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

export const webSuite: BenchSuite = {
  name: 'web',
  title: 'Web interface: JavaScript of the dashboard’s first load',
  async run() {
    // The same quick up-to-date check `npm start` runs.
    execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/build-web.mjs', import.meta.url))], {
      stdio: 'inherit',
    });
    const report = measureWebBundle();
    console.log(
      formatTable(
        ['file', 'raw', 'gzipped'],
        report.files.map((f) => [f.file, kib(f.rawBytes), kib(f.gzipBytes)]),
      ),
    );
    console.log(
      `\nfirst load: ${kib(report.firstLoadGzipBytes)} gzipped (${kib(report.firstLoadRawBytes)} raw); loaded later by the dashboard (charts): ${kib(report.deferredGzipBytes)} gzipped`,
    );
    return {
      data: { ...report },
      targets: [
        checkTarget(
          'web-first-load',
          "dashboard's first load, JavaScript gzipped",
          report.firstLoadGzipBytes / 1024,
          '<',
          report.budgetBytes / 1024,
          'KiB',
        ),
      ],
      disagreements: 0,
    };
  },
};
