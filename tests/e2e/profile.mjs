// A fresh, throw-away Chromium user-data-dir.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * With `developerMode`, the profile starts with the extensions page's developer mode on, as a
 * developer's does: without it, Chromium disables an unpacked extension that reloads itself.
 */
export async function makeProfile({ developerMode = false } = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), 'fz-e2e-profile-'));
  if (developerMode) {
    const preferences = { extensions: { ui: { developer_mode: true } } };
    await mkdir(path.join(dir, 'Default'));
    await writeFile(path.join(dir, 'Default', 'Preferences'), JSON.stringify(preferences));
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
