import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createJsonSchema, DEFAULT_GEOLITE_DB_FOLDER, msticpyConfigSchema } from '../src/index.js';

/** The parts of a JSON Schema node these tests look at. */
interface SchemaNode {
  $schema?: string;
  type?: string;
  const?: unknown;
  default?: unknown;
  additionalProperties?: unknown;
  properties?: Record<string, SchemaNode>;
  anyOf?: SchemaNode[];
}

/** The object branch of `anyOf: [object, null]`, or the node itself. */
function objectOf(node: SchemaNode | undefined): SchemaNode {
  const found = node?.anyOf?.find((branch) => branch.type === 'object') ?? node;
  if (found === undefined) throw new Error('missing schema node');
  return found;
}

const committedPath = new URL('../schema/msticpyconfig.schema.json', import.meta.url);

describe('JSON Schema', () => {
  it('the committed schema equals a fresh generation (run `pnpm run schema` after changing src/schema.ts)', () => {
    const committed: unknown = JSON.parse(readFileSync(committedPath, 'utf8'));
    expect(committed).toEqual(createJsonSchema());
  });

  it('is exported as @iocmap/config/schema.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      exports: Record<string, unknown>;
    };
    expect(pkg.exports['./schema.json']).toBe('./schema/msticpyconfig.schema.json');
    const require = createRequire(import.meta.url);
    expect(require.resolve('@iocmap/config/schema.json')).toBe(committedPath.pathname);
  });

  it('allows unknown sections and documents the GeoLite2 defaults', () => {
    const schema = createJsonSchema() as SchemaNode;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(true);
    const other = objectOf(schema.properties?.OtherProviders);
    const geo = objectOf(other.properties?.GeoIPLite);
    const args = objectOf(geo.properties?.Args);
    expect(args.properties?.DBFolder?.default).toBe('~/.msticpy/GeoLite2');
    expect(geo.properties?.Provider?.const).toBe('GeoLiteLookup');
    expect(Object.keys(other.properties ?? {})).toEqual(['GeoIPLite', 'IPStack', 'IPInfo']);
  });
});

describe('msticpyConfigSchema', () => {
  it('fills msticpy defaults and passes unknown sections through', () => {
    const parsed = msticpyConfigSchema.parse({
      TIProviders: { OTX: { Args: { AuthKey: { EnvironmentVar: 'OTX_AUTH' } } } },
      OtherProviders: { GeoIPLite: { Args: { AccountID: 1 } }, Custom: { x: 1 } },
    });
    expect(parsed.OtherProviders?.GeoIPLite?.Args.DBFolder).toBe(DEFAULT_GEOLITE_DB_FOLDER);
    expect(parsed.OtherProviders?.GeoIPLite?.Provider).toBe('GeoLiteLookup');
    expect(parsed.TIProviders).toEqual({ OTX: { Args: { AuthKey: { EnvironmentVar: 'OTX_AUTH' } } } });
    expect((parsed.OtherProviders as Record<string, unknown>).Custom).toEqual({ x: 1 });
  });

  it('rejects a misspelt secret form', () => {
    const result = msticpyConfigSchema.safeParse({
      OtherProviders: { IPStack: { Args: { AuthKey: { EnvVar: 'X' } } } },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['OtherProviders', 'IPStack', 'Args', 'AuthKey']);
  });
});
