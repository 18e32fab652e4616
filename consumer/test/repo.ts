import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** Run `node <script>` (or Node with `args`) in the consumer project; stdout, trimmed. */
export function runNode(appDir: string, args: readonly string[]): string {
  return execFileSync(process.execPath, args, { cwd: appDir, encoding: 'utf8' }).trim();
}
