// `pnpm iocmap <args>`: builds the CLI and the packages it uses (turbo, cached)
// without printing anything unless the build fails, then runs the built CLI with
// the caller's arguments, standard streams and exit status. Keeping the build
// quiet means `pnpm -s iocmap ...` shows only the command's own output.
import { spawnSync } from 'node:child_process';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const turbo = join(root, 'node_modules', '.bin', 'turbo');
const build = spawnSync(turbo, ['run', 'build', '--filter=@iocmap/cli...', '--output-logs=errors-only'], {
  cwd: root,
  encoding: 'utf8',
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1' },
});
if (build.status !== 0) {
  process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}`);
  process.stderr.write(`iocmap: building the CLI failed${build.error ? ` (${build.error.message})` : ''}\n`);
  process.exit(build.status ?? 1);
}

const cli = spawnSync(
  process.execPath,
  [join(root, 'apps', 'cli', 'dist', 'bin.js'), ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
if (cli.signal) process.exit(128 + (constants.signals[cli.signal] ?? 0));
process.exit(cli.status ?? 1);
