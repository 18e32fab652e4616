import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** One regular file found by {@link walkDirectory}. */
export interface WalkedFile {
  /** Absolute path, through the directory as given (links not resolved). */
  path: string;
  /** Path relative to the root, for display. */
  relativePath: string;
}

/**
 * List the regular files under `root`, recursively, sorted by relative path;
 * names starting with `.` (and everything under them) are skipped.
 *
 * Symbolic links are not walked into: a link to a file inside the root is
 * kept (the caller drops it when the same file is read by its own path), a
 * link to a directory is skipped (its files inside the root are reached by
 * their own path), and a link whose target lies outside the root is skipped,
 * so `iocmap map incident/` never reads files from elsewhere. Every skipped
 * link and special file (FIFO, socket, device) is reported through `note`.
 */
export async function walkDirectory(
  root: string,
  shownRoot: string,
  note: (message: string) => void,
): Promise<WalkedFile[]> {
  const realRoot = await realpath(root);
  const files: WalkedFile[] = [];
  const shown = (relativePath: string) => join(shownRoot, relativePath);
  const visit = async (dir: string, relativeDir: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (cause) {
      note(`skipping ${shown(relativeDir)}: ${(cause as Error).message}`);
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      const relativePath = relativeDir === '' ? entry.name : join(relativeDir, entry.name);
      if (entry.isDirectory()) {
        await visit(path, relativePath);
      } else if (entry.isFile()) {
        files.push({ path, relativePath });
      } else if (entry.isSymbolicLink()) {
        const target = await realpath(path).catch(() => null);
        if (target === null) {
          note(`skipping ${shown(relativePath)}: broken symbolic link`);
          continue;
        }
        if (!isInside(realRoot, target)) {
          note(`skipping ${shown(relativePath)}: symbolic link to ${target}, outside ${shownRoot}`);
          continue;
        }
        const info = await stat(target).catch(() => null);
        if (info?.isFile()) files.push({ path, relativePath });
        else if (info?.isDirectory())
          note(`skipping ${shown(relativePath)}: symbolic link to a directory (not followed)`);
      } else {
        note(`skipping ${shown(relativePath)}: not a regular file`);
      }
    }
  };
  await visit(root, '');
  return files.sort((a, b) =>
    a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0,
  );
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep));
}
