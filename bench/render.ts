// npm run bench:report: renders bench/SUMMARY.md from bench/results/*.json and bench/RESULTS.md from
// the newest full run there, without measuring anything (after a change to the report's layout, or
// after adding or removing a results file).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderMarkdown } from './lib/report';
import { latestTwo, readResultsFiles, resultsDir } from './lib/results';
import { writeSummaryFile } from './lib/summary';

const benchDir = path.dirname(resultsDir);
const { latest } = latestTwo(readResultsFiles(), 'full');
if (latest) {
  const out = path.join(benchDir, 'RESULTS.md');
  fs.writeFileSync(out, renderMarkdown(latest.results, path.relative(benchDir, latest.file)) + '\n');
  console.log(`wrote ${path.relative(process.cwd(), out)} from ${path.relative(process.cwd(), latest.file)}`);
} else {
  console.log('no full run in bench/results/: RESULTS.md left as it is');
}
console.log(`wrote ${path.relative(process.cwd(), writeSummaryFile())}`);
