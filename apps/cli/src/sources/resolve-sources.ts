import { stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { CliError } from '../errors.js';
import type { SourceRef } from './source-ref.js';

/**
 * Resolve SOURCE arguments to inputs, in the order given: `-` is standard
 * input, `http(s)://` a URL, a directory every file under it (recursively, in
 * sorted order, dot-files skipped), a glob every matching file; anything else
 * a file path. No arguments means standard input.
 *
 * @throws CliError `SOURCE_NOT_FOUND` when a path does not exist or a glob matches nothing.
 */
export async function resolveSources(args: readonly string[], cwd: string): Promise<SourceRef[]> {
  if (args.length === 0) return [{ kind: 'stdin', name: '-' }];
  const refs: SourceRef[] = [];
  for (const arg of args) {
    if (arg === '-') {
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
      const files = await glob('**/*', {
        cwd: absolute,
        onlyFiles: true,
        dot: false,
        expandDirectories: false,
      });
      files.sort();
      for (const file of files) {
        refs.push(await fileRef(join(absolute, file), join(arg, file), true));
      }
      continue;
    }
    if (info) {
      refs.push({ kind: 'file', name: arg, path: absolute, size: info.size, expanded: false });
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
        refs.push(await fileRef(file, isAbsolute(arg) ? file : relative(cwd, file), true));
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

async function fileRef(path: string, name: string, expanded: boolean): Promise<SourceRef> {
  const info = await stat(path);
  return { kind: 'file', name, path, size: info.size, expanded };
}
