import { randomBytes } from 'node:crypto';
import { createWriteStream, rmSync, type WriteStream } from 'node:fs';
import { chmod, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CliError } from '../errors.js';

/**
 * A file being written atomically: text goes to a temporary file in the same
 * directory, `commit` renames it over the target (atomic on POSIX file
 * systems), `abort` removes it. Readers never see a half-written file and a
 * failure leaves any previous file intact. An existing target keeps its
 * permission bits, and a symbolic link is written through (its target is
 * replaced, the link stays).
 */
export interface AtomicFile {
  /** The target path. */
  readonly path: string;
  /** Append text, waiting when the stream's buffer is full. */
  write(text: string): Promise<void>;
  /** Flush, close and rename into place. */
  commit(): Promise<void>;
  /** Close and remove the temporary file. Harmless after `commit`. */
  abort(): Promise<void>;
}

/** Temporary files of atomic writes in progress, removed by {@link removeTempFilesSync} on a signal. */
const liveTemps = new Set<string>();

/**
 * Remove the temporary files of every atomic write still in progress, at once
 * and synchronously: the binary calls it on SIGINT/SIGTERM before it exits,
 * so an interrupted run leaves no hidden half-written `.tmp` file behind.
 *
 * @returns the paths removed.
 */
export function removeTempFilesSync(): string[] {
  const removed = [...liveTemps];
  for (const temp of removed) rmSync(temp, { force: true });
  liveTemps.clear();
  return removed;
}

/**
 * Start writing `path` atomically.
 *
 * @throws CliError `OUTPUT` when the parent directory does not exist or is not writable.
 */
export async function createAtomicFile(path: string): Promise<AtomicFile> {
  if (basename(path) === '' || path.endsWith('/')) {
    throw new CliError('OUTPUT', `cannot write ${path}: it is a directory; pass a file name to -o`, {
      value: path,
    });
  }
  // Write through a symbolic link: replace the file it points to, not the link.
  const target = await realpath(path).catch(() => path);
  const dir = dirname(target);
  const dirInfo = await stat(dir).catch(() => null);
  if (!dirInfo?.isDirectory()) {
    throw new CliError(
      'OUTPUT',
      `cannot write ${path}: directory ${dir} does not exist; create it first or choose another -o path`,
      {
        value: path,
      },
    );
  }
  const targetInfo = await stat(target).catch(() => null);
  if (targetInfo?.isDirectory()) {
    throw new CliError('OUTPUT', `cannot write ${path}: it is a directory; pass a file name to -o`, {
      value: path,
    });
  }
  const temp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  // Results are often kept private (0600/0640): the new file keeps the old one's mode.
  const mode = targetInfo ? targetInfo.mode & 0o7777 : undefined;
  liveTemps.add(temp);
  const stream = createWriteStream(temp, {
    flags: 'wx',
    ...(mode !== undefined ? { mode: mode & 0o600 } : {}),
  });
  let failure: Error | null = null;
  stream.on('error', (error) => {
    failure = error;
  });
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (error) => {
      liveTemps.delete(temp);
      reject(outputError(path, error));
    });
  });
  let done = false;
  return {
    path,
    async write(text) {
      if (failure) throw outputError(path, failure);
      if (!stream.write(text)) await drain(stream, path);
    },
    async commit() {
      if (failure) throw outputError(path, failure);
      await closeStream(stream, path);
      try {
        if (mode !== undefined) await chmod(temp, mode);
        await rename(temp, target);
      } catch (cause) {
        await rm(temp, { force: true });
        throw outputError(path, cause);
      } finally {
        liveTemps.delete(temp);
      }
      done = true;
    },
    async abort() {
      if (done) return;
      done = true;
      await closeStream(stream, path).catch(() => undefined);
      await rm(temp, { force: true });
      liveTemps.delete(temp);
    },
  };
}

/**
 * Write `content` to `path` atomically in one go.
 *
 * @throws CliError `OUTPUT` when the directory is missing or the write fails.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const file = await createAtomicFile(path);
  try {
    await file.write(content);
    await file.commit();
  } catch (error) {
    await file.abort();
    throw error;
  }
}

function drain(stream: WriteStream, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      stream.off('drain', onDrain);
      reject(outputError(path, error));
    };
    const onDrain = () => {
      stream.off('error', onError);
      resolve();
    };
    stream.once('drain', onDrain);
    stream.once('error', onError);
  });
}

function closeStream(stream: WriteStream, path: string): Promise<void> {
  if (stream.closed) return Promise.resolve();
  return new Promise((resolve, reject) => {
    stream.end((error?: Error | null) => (error ? reject(outputError(path, error)) : resolve()));
  });
}

/** An `OUTPUT` error naming the target (never the temporary file) and what to do. */
function outputError(path: string, cause: unknown): CliError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const why =
    code === 'EROFS'
      ? 'the file system is read-only'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'ENOSPC' || code === 'EDQUOT'
          ? 'no space left on the device'
          : code === 'ENOENT'
            ? 'files cannot be created in this directory'
            : code !== undefined
              ? code
              : cause instanceof Error
                ? cause.message
                : String(cause);
  return new CliError(
    'OUTPUT',
    `cannot write ${path}: ${why}; choose an -o path in a directory you can write to`,
    { value: path, cause },
  );
}
