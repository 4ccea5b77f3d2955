// Runs Mozilla's `web-ext lint` on the built extension and fails on any error, and on any warning
// or notice the README does not list with its reason (in its "Firefox's linter" section, as
// "- `CODE`: reason"). A listed code that no longer appears fails too, so the list stays true.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sourceDir = path.join(root, process.argv[2] ?? 'dist/chrome');

async function acceptedCodes() {
  const readme = await readFile(path.join(root, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((part) => part.startsWith("Firefox's linter"));
  if (!section) throw new Error("README.md has no \"## Firefox's linter\" section");
  return new Set([...section.matchAll(/^- `([A-Z0-9_]+)`: \S/gm)].map(([, code]) => code));
}

async function lint() {
  const binary = path.join(root, 'node_modules/.bin/web-ext');
  const args = ['lint', '--source-dir', sourceDir, '--output', 'json', '--no-input'];
  // web-ext exits non-zero when it finds errors; the JSON says what they were either way.
  const { stdout } = await promisify(execFile)(binary, args, { maxBuffer: 1 << 24 })
    .catch((failure) => failure);
  return JSON.parse(stdout);
}

const accepted = await acceptedCodes();
const report = await lint();
const findings = ['errors', 'warnings', 'notices'].flatMap((kind) =>
  report[kind].map((finding) => ({ kind, ...finding })));
const unexplained = findings.filter((f) => f.kind === 'errors' || !accepted.has(f.code));
const seen = new Set(findings.map((f) => f.code));
const stale = [...accepted].filter((code) => !seen.has(code));

for (const f of findings) {
  const mark = unexplained.includes(f) ? 'FAIL' : 'listed in README';
  console.log(`${f.kind.slice(0, -1)} ${f.code} (${f.file ?? '-'}): ${f.message} [${mark}]`);
}
for (const code of stale) console.log(`README lists ${code}, which the linter no longer reports`);
console.log(`web-ext lint: ${report.summary.errors} errors, ${report.summary.warnings} warnings, ` +
  `${report.summary.notices} notices`);
if (unexplained.length > 0 || stale.length > 0) process.exit(1);
