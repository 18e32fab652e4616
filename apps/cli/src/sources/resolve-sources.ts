import { stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { CliError } from '../errors.js';
import type { SourceRef } from './source-ref.js';
import { walkDirectory } from './walk-directory.js';

/** Options of {@link resolveSources}. */
export interface ResolveSourcesOptions {
  /**
   * The command's `-o` path (relative to `cwd`). When it is the same file as a
   * SOURCE named explicitly, resolving fails; a file found by walking a
   * directory or a glob that is the output is skipped with a note.
   */
  output?: string;
  /** Receives notes about skipped files (links, duplicates, the output file). */
  note?: (message: string) => void;
}

/**
 * Resolve SOURCE arguments to inputs, in the order given: `-` is standard
 * input, `http(s)://` a URL, a directory every file under it (recursively, in
 * sorted order, dot-files skipped, see {@link walkDirectory}), a glob every
 * matching file; anything else a file path. No arguments means standard
 * input. A file found by a directory or a glob is read at most once (same
 * device and inode), even when links or several arguments reach it again.
 *
 * @throws CliError `SOURCE_NOT_FOUND` when a path does not exist or a glob
 *   matches nothing; `USAGE` when the output file is also a SOURCE, or a
 *   SOURCE is a device or socket.
 */
export async function resolveSources(
  args: readonly string[],
  cwd: string,
  options: ResolveSourcesOptions = {},
): Promise<SourceRef[]> {
  if (args.length === 0) return [{ kind: 'stdin', name: '-' }];
  const note = options.note ?? (() => undefined);
  const output = options.output !== undefined ? await fileIdentity(resolve(cwd, options.output)) : null;
  const seen = new Map<string, string>();
  const refs: SourceRef[] = [];
  const addFile = async (path: string, name: string, expanded: boolean) => {
    const info = await stat(path);
    const identity = `${info.dev}:${info.ino}`;
    if (identity === output) {
      if (!expanded) {
        throw new CliError(
          'USAGE',
          `-o ${options.output} is also an input (${name}); choose another output file`,
          { value: options.output ?? name },
        );
      }
      note(`skipping ${name}: it is the output file (-o)`);
      return;
    }
    const first = seen.get(identity);
    if (first !== undefined && expanded) {
      note(`skipping ${name}: same file as ${first}`);
      return;
    }
    if (first === undefined) seen.set(identity, name);
    refs.push({ kind: 'file', name, path, size: info.size, expanded });
  };
  for (const arg of args) {
    if (arg === '-' || arg === '/dev/stdin') {
      refs.push({ kind: 'stdin', name: '-' });
      continue;
    }
    if (/^https?:\/\//i.test(arg)) {
      let url: URL;
      try {
        url = new URL(arg);
      } catch (cause) {
        throw new CliError('USAGE', `invalid URL ${JSON.stringify(arg)}; check the address`, {
          value: arg,
          cause,
        });
      }
      refs.push({ kind: 'url', name: arg, url });
      continue;
    }
    const absolute = resolve(cwd, arg);
    const info = await stat(absolute).catch(() => null);
    if (info?.isDirectory()) {
      for (const file of await walkDirectory(absolute, arg, note)) {
        await addFile(file.path, join(arg, file.relativePath), true);
      }
      continue;
    }
    if (info) {
      if (!info.isFile() && !info.isFIFO()) {
        throw new CliError(
          'USAGE',
          `cannot read ${arg}: it is ${info.isCharacterDevice() || info.isBlockDevice() ? 'a device' : 'not a regular file'}, not a file of text; pass a file, or - for standard input`,
          { value: arg },
        );
      }
      await addFile(absolute, arg, false);
      continue;
    }
    if (isDynamicPattern(arg)) {
      const pattern = isAbsolute(arg) ? arg : arg.replace(/^\.\//, '');
      const files = await glob(pattern, { cwd, onlyFiles: true, absolute: true, expandDirectories: false });
      if (files.length === 0) {
        throw new CliError(
          'SOURCE_NOT_FOUND',
          `no file matches the glob ${JSON.stringify(arg)} (in ${cwd}); check the pattern`,
          {
            value: arg,
          },
        );
      }
      files.sort();
      for (const file of files) {
        await addFile(file, isAbsolute(arg) ? file : relative(cwd, file), true);
      }
      continue;
    }
    throw new CliError(
      'SOURCE_NOT_FOUND',
      `cannot read ${arg}: no such file or directory (${absolute}); check the path, or pass - for standard input`,
      {
        value: arg,
      },
    );
  }
  return refs;
}

/** `dev:ino` of an existing file (links followed), or `null`. */
async function fileIdentity(path: string): Promise<string | null> {
  const info = await stat(path).catch(() => null);
  return info ? `${info.dev}:${info.ino}` : null;
}
