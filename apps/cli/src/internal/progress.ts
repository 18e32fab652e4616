import cliProgress from 'cli-progress';
import type { CliWritable } from '../io.js';

/** A progress indicator; every method is a no-op when progress is off. */
export interface Progress {
  /** Advance by `amount` units. */
  increment(amount?: number): void;
  /** Set or raise the total. */
  setTotal(total: number): void;
  /** Remove the bar. */
  stop(): void;
}

const SILENT: Progress = { increment() {}, setTotal() {}, stop() {} };

/**
 * A progress bar on stderr for long work, drawn only when stderr is a
 * terminal and `--quiet` is off (so pipes and logs stay clean). Without
 * colour in any case, so `NO_COLOR` holds.
 */
export function createProgress(
  stderr: CliWritable,
  options: { quiet: boolean; label: string; total: number; unit: 'bytes' | 'items' },
): Progress {
  if (options.quiet || stderr.isTTY !== true) return SILENT;
  const format =
    options.unit === 'bytes'
      ? `${options.label} [{bar}] {percentage}% | {value_mb}/{total_mb} MB | {eta_formatted}`
      : `${options.label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted}`;
  const bar = new cliProgress.SingleBar(
    {
      format,
      stream: stderr,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
      fps: 5,
      noTTYOutput: false,
    },
    cliProgress.Presets.legacy,
  );
  let value = 0;
  let total = Math.max(options.total, 1);
  const payload = () => ({ value_mb: (value / 1048576).toFixed(1), total_mb: (total / 1048576).toFixed(1) });
  bar.start(total, 0, payload());
  return {
    increment(amount = 1) {
      value += amount;
      if (value > total) {
        total = value;
        bar.setTotal(total);
      }
      bar.update(value, payload());
    },
    setTotal(next) {
      total = Math.max(next, 1);
      bar.setTotal(total);
    },
    stop() {
      bar.stop();
    },
  };
}
