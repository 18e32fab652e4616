// Writes schema/msticpyconfig.schema.json from the zod schema (run `pnpm run schema`).
// Reads the built package (dist/) because Node 20 cannot run the TypeScript sources.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createJsonSchema } from '../dist/index.js';

const target = fileURLToPath(new URL('../schema/msticpyconfig.schema.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(createJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
