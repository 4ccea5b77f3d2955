// A fresh, throw-away Chromium user-data-dir.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export async function makeProfile() {
  const dir = await mkdtemp(path.join(tmpdir(), 'fz-e2e-profile-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
