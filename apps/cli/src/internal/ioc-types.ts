import { IOC_TYPES } from '@iocmap/ioc-extract';
import { CliError } from '../errors.js';

/** The IoC type names the extractor knows, in its own order. */
export function knownTypes(): string[] {
  return Array.isArray(IOC_TYPES) ? [...(IOC_TYPES as readonly string[])] : Object.keys(IOC_TYPES as object);
}

/**
 * Parse a `--types` list (comma-separated, spaces allowed).
 *
 * @throws CliError `USAGE` naming the unknown type and listing the valid ones.
 */
export function parseTypes(list: string | undefined): string[] | undefined {
  if (list === undefined) return undefined;
  const known = knownTypes();
  const types = list
    .split(',')
    .map((type) => type.trim())
    .filter((type) => type !== '');
  if (types.length === 0) {
    throw new CliError('USAGE', `--types is empty; give a comma-separated list of: ${known.join(', ')}`, {
      value: list,
    });
  }
  for (const type of types) {
    if (!known.includes(type)) {
      throw new CliError(
        'USAGE',
        `unknown IoC type ${JSON.stringify(type)} in --types; valid types are: ${known.join(', ')}`,
        {
          value: type,
        },
      );
    }
  }
  return [...new Set(types)];
}

/** Order type names as the extractor lists them; names it does not list go last, in first-seen order. */
export function orderTypes(types: Iterable<string>): string[] {
  const known = knownTypes();
  const rank = (type: string) => {
    const index = known.indexOf(type);
    return index === -1 ? known.length : index;
  };
  return [...types]
    .map((type, seen) => ({ type, seen }))
    .sort((a, b) => rank(a.type) - rank(b.type) || a.seen - b.seen)
    .map((entry) => entry.type);
}
