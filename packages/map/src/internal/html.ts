/** Escape text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Serialise a value as JSON safe to embed in `<script type="application/json">`:
 * `<`, `>` and `&` become `\u003c`, `\u003e`, `\u0026`, so `</script>` or
 * `<!--` in data can never end or change the script element.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

/**
 * Make trusted script source safe inside a `<script>` element: a `</script`
 * or `<!--` that appears in a string literal is written with an escaped `<`.
 */
export function scriptForHtml(source: string): string {
  return source.replace(/<(\/script|!--)/gi, '\\x3c$1').replace(/^\/\/# sourceMappingURL=.*$/gm, '');
}

/** Make trusted CSS safe inside a `<style>` element. */
export function styleForHtml(css: string): string {
  return css.replace(/<\/style/gi, '<\\/style').replace(/^\/\*# sourceMappingURL=.*\*\/$/gm, '');
}
