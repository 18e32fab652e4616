/** One fenced code block of a README. */
export interface Fence {
  /** The info string's first word: `js`, `sh`, `text`, `yaml`, ... */
  lang: string;
  /** `title="name"` from the info string: the block is a file the code reads. */
  title?: string;
  body: string;
}

/** A README's quick start: the files it needs, its code, and what the code prints. */
export interface QuickStart {
  files: { name: string; body: string }[];
  code: Fence;
  output: string;
}

/**
 * Read the `## Quick start` section of a README: blocks with `title="name"`
 * are files to create first, the one `js` or `sh` block without a title is the
 * code, and the `text` block is its exact standard output.
 *
 * @throws Error when the section, the code or the output block is missing.
 */
export function readQuickStart(readme: string): QuickStart {
  const section = /^## Quick start\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(readme)?.[1];
  if (section === undefined) throw new Error('README has no "## Quick start" section');
  const fences: Fence[] = [];
  for (const match of section.matchAll(/^```(\S*)([^\n]*)\n([\s\S]*?)^```$/gm)) {
    const title = /title="([^"]+)"/.exec(match[2] ?? '')?.[1];
    fences.push({ lang: match[1] ?? '', body: match[3] ?? '', ...(title === undefined ? {} : { title }) });
  }
  const code = fences.filter((f) => f.title === undefined && (f.lang === 'js' || f.lang === 'sh'));
  const output = fences.filter((f) => f.lang === 'text');
  if (code.length !== 1 || code[0] === undefined)
    throw new Error('the quick start needs exactly one js or sh block');
  if (output.length !== 1 || output[0] === undefined)
    throw new Error('the quick start needs one text block: its output');
  return {
    files: fences.flatMap((f) => (f.title === undefined ? [] : [{ name: f.title, body: f.body }])),
    code: code[0],
    output: output[0].body,
  };
}
