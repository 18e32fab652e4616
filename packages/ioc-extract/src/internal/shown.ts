/** `v` for an error message: its JSON, or its kind when it has none (a bigint, a symbol, a cycle, a function). */
export function shown(v: unknown): string {
  try {
    return JSON.stringify(v) ?? typeof v;
  } catch {
    return typeof v;
  }
}
