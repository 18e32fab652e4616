import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const fixturesDir = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

export function fixture(name: string): string {
  return join(fixturesDir, name);
}

/** A scratch area with separate `cwd`, `home` and `other` folders, removed by `cleanup`. */
export interface Sandbox {
  root: string;
  cwd: string;
  home: string;
  other: string;
  /** Copy a fixture to `path` (creating folders) and return `path`. */
  put(fixtureName: string, path: string): string;
  write(path: string, text: string): string;
  cleanup(): void;
}

export function createSandbox(): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'iocmap-config-'));
  const cwd = join(root, 'work');
  const home = join(root, 'home');
  const other = join(root, 'other');
  for (const dir of [cwd, home, other]) mkdirSync(dir, { recursive: true });
  return {
    root,
    cwd,
    home,
    other,
    put(fixtureName, path) {
      mkdirSync(dirname(path), { recursive: true });
      copyFileSync(fixture(fixtureName), path);
      return path;
    },
    write(path, text) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      return path;
    },
    cleanup() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
