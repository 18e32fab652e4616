const kept: object[] = [];

/**
 * Keep `instance` alive for the life of the process, so that its class's
 * hidden class (V8's "map") lives on between extractions.
 *
 * V8 frees the map of a class's instances at a full garbage collection when
 * no instance is left, and throws away every optimised function that was
 * specialised on it. Between two extractions none of this package's working
 * objects is alive, so after each full collection the next extraction began
 * in unoptimised code again: the first call after a forced collection took
 * about four times as long as the next ones (every scanner deoptimised,
 * `--trace-deopt` reason "weak objects"; `pnpm bench` prints that first call
 * beside the next). One kept instance per class keeps the map, and the code
 * built on it.
 *
 * @returns `instance`
 */
export function keepShape<T extends object>(instance: T): T {
  kept.push(instance);
  return instance;
}
