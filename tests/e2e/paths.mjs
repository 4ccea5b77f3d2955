// Where the things the end-to-end tests need live, relative to the repository root.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The unpacked extension exactly as `./build.sh` assembles it, i.e. what ships. */
export const EXTENSION_DIR = path.join(REPO_ROOT, 'dist', 'chrome');

export const FAKE_BINARY = path.join(
  process.env.CARGO_TARGET_DIR ?? path.join(REPO_ROOT, 'target'),
  'release',
  'fake-functionize',
);

export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'dist', 'screenshots');

/** Throws a sentence saying how to build `file` when it is missing. */
export function requireBuilt(file, howToBuild) {
  if (!existsSync(file)) {
    throw new Error(`${path.relative(REPO_ROOT, file)} is missing: run ${howToBuild} first.`);
  }
}
