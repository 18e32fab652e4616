import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { REPO } from './repo.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The consumer project: a fresh folder outside the workspace with every tarball installed. */
    appDir: string;
    /** Published package name → its folder in the repo. */
    packages: Record<string, string>;
  }
}

/** Every workspace package that is published (not `private`), by name. */
function publishedPackages(): Record<string, string> {
  const found: Record<string, string> = {};
  for (const group of ['packages', 'apps']) {
    for (const name of readdirSync(join(REPO, group))) {
      const dir = join(REPO, group, name);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name: string;
        private?: boolean;
      };
      if (manifest.private !== true) found[manifest.name] = dir;
    }
  }
  return found;
}

/**
 * `pnpm pack` every published package (built by the root script first), then
 * install the tarballs with pnpm into a new project under the system temp
 * folder, so nothing resolves through the workspace. Overrides point the
 * packages' dependencies on each other at the tarballs too. Dependencies from
 * the registry come from pnpm's store when it has them (`--prefer-offline`).
 */
export default function setup(project: TestProject): () => void {
  const root = mkdtempSync(join(tmpdir(), 'iocmap-consumer-'));
  const tarballs = join(root, 'tarballs');
  const appDir = join(root, 'app');
  mkdirSync(tarballs);
  mkdirSync(appDir);
  const packages = publishedPackages();
  const specs: Record<string, string> = {};
  for (const [name, dir] of Object.entries(packages)) {
    const out = execFileSync('pnpm', ['pack', '--pack-destination', tarballs], {
      cwd: dir,
      encoding: 'utf8',
    });
    const tarball = out.trim().split('\n').at(-1)?.trim() ?? '';
    if (!tarball.endsWith('.tgz')) throw new Error(`pnpm pack in ${dir} printed no tarball path: ${out}`);
    specs[name] = `file:${tarball}`;
  }
  writeFileSync(
    join(appDir, 'package.json'),
    `${JSON.stringify(
      {
        name: 'iocmap-consumer',
        private: true,
        type: 'module',
        // vitest: the optional peer that @iocmap/geoip/testing needs; @types/node
        // for the TypeScript consumer (the versions the workspace pins).
        dependencies: { ...specs, vitest: '4.1.12', '@types/node': '20.19.43' },
        pnpm: { overrides: specs },
      },
      null,
      2,
    )}\n`,
  );
  execFileSync('pnpm', ['install', '--prefer-offline', '--no-frozen-lockfile', '--reporter=append-only'], {
    cwd: appDir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  project.provide('appDir', appDir);
  project.provide('packages', packages);
  return () => {
    if (process.env.IOCMAP_KEEP_CONSUMER !== '1') rmSync(root, { recursive: true, force: true });
  };
}
