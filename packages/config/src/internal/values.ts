import { isAbsolute, resolve } from 'node:path';

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** A short description of a value's YAML kind, never its content. */
export function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (isPlainObject(value)) return 'a mapping';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return `a ${typeof value}`;
}

/**
 * Expand a leading `~` to the home folder and make the path absolute against
 * `cwd` (msticpy uses `Path.expanduser`; `~user` forms are left as written).
 */
export function expandPath(path: string, homeDir: string, cwd: string): string {
  let expanded = path;
  if (path === '~') expanded = homeDir;
  else if (path.startsWith('~/') || path.startsWith('~\\')) expanded = `${homeDir}${path.slice(1)}`;
  return isAbsolute(expanded) ? resolve(expanded) : resolve(cwd, expanded);
}
