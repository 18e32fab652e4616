import { z } from 'zod';

/**
 * msticpy's default GeoLite2 folder (`~/.msticpy/GeoLite2`, `GeoLiteLookup`'s
 * `_DB_HOME`), used when `OtherProviders.GeoIPLite.Args.DBFolder` is absent.
 */
export const DEFAULT_GEOLITE_DB_FOLDER = '~/.msticpy/GeoLite2';

const SECRET_FORMS_MESSAGE =
  'must be a plain value, {EnvironmentVar: NAME} or {KeyVault: ...} (msticpy secret forms)';

/** `{EnvironmentVar: NAME}`: the value is read from an environment variable. */
export const envSecretSchema = z
  .strictObject({
    EnvironmentVar: z.string().min(1).describe('Name of the environment variable holding the value.'),
  })
  .describe('Read the value from an environment variable.');

/** `{KeyVault: ...}`: the value lives in Azure Key Vault (`null`, a name, or a mapping). */
export const keyVaultSecretSchema = z
  .strictObject({
    KeyVault: z
      .union([z.null(), z.string(), z.record(z.string(), z.unknown())])
      .describe('Key Vault reference; empty means the secret is named after the setting path.'),
  })
  .describe('Read the value from Azure Key Vault (needs a secret resolver in iocmap).');

/**
 * A setting that may hold a secret, in msticpy's three forms: a plain value,
 * `{EnvironmentVar: NAME}` or `{KeyVault: ...}`. Numbers are accepted
 * (YAML reads `AccountID: 123456` as a number).
 */
export const secretValueSchema = z.union([z.string(), z.number(), envSecretSchema, keyVaultSecretSchema], {
  error: SECRET_FORMS_MESSAGE,
});

/** The input type of {@link secretValueSchema}. */
export type SecretValue = z.infer<typeof secretValueSchema>;

/**
 * Accept `null` (an empty YAML key such as `Args:`) as an empty mapping, so
 * defaults inside still apply.
 */
function emptyAsDefaults<T extends z.ZodType<Record<string, unknown>>>(schema: T) {
  return schema.nullish().transform((value) => schema.parse(value ?? {}) as z.output<T>);
}

const geoIpLiteArgsSchema = z
  .looseObject({
    AuthKey: secretValueSchema.optional().describe('MaxMind licence key (used to download GeoLite2).'),
    AccountID: secretValueSchema.optional().describe('MaxMind account ID.'),
    DBFolder: z
      .string()
      .min(1)
      .default(DEFAULT_GEOLITE_DB_FOLDER)
      .describe('Folder holding GeoLite2-City.mmdb; "~" is the home folder.'),
  })
  .describe('Arguments of the GeoLite2 provider.');

const ipStackArgsSchema = z
  .looseObject({
    AuthKey: secretValueSchema.optional().describe('IPStack access key.'),
  })
  .describe('Arguments of the IPStack provider.');

const ipInfoArgsSchema = z
  .looseObject({
    AuthKey: secretValueSchema.optional().describe('ipinfo.io access token.'),
  })
  .describe('Arguments of the ipinfo provider.');

/** `OtherProviders.GeoIPLite`: MaxMind GeoLite2 (msticpy `GeoLiteLookup`). */
export const geoIpLiteSchema = z
  .looseObject({
    Args: emptyAsDefaults(geoIpLiteArgsSchema),
    Provider: z.literal('GeoLiteLookup').default('GeoLiteLookup'),
  })
  .describe('MaxMind GeoLite2 database (msticpy GeoLiteLookup).');

/** `OtherProviders.IPStack`: ipstack.com (msticpy `IPStackLookup`). */
export const ipStackSchema = z
  .looseObject({
    Args: emptyAsDefaults(ipStackArgsSchema),
    Provider: z.literal('IPStackLookup').default('IPStackLookup'),
  })
  .describe('ipstack.com web service (msticpy IPStackLookup).');

/** `OtherProviders.IPInfo`: ipinfo.io, in the same shape as the other entries. */
export const ipInfoSchema = z
  .looseObject({
    Args: emptyAsDefaults(ipInfoArgsSchema),
    Provider: z.literal('IPInfoLookup').default('IPInfoLookup'),
  })
  .describe('ipinfo.io web service.');

/** The iocmap-relevant part of `OtherProviders`; other entries are kept as they are. */
export const otherProvidersSchema = z
  .looseObject({
    GeoIPLite: geoIpLiteSchema.nullish(),
    IPStack: ipStackSchema.nullish(),
    IPInfo: ipInfoSchema.nullish(),
  })
  .describe('Non-TI providers (geolocation and others).');

const keptSection = (what: string) =>
  z.unknown().optional().describe(`${what}; not read by iocmap, kept as it is.`);

/**
 * What iocmap reads from msticpyconfig.yaml, with msticpy's defaults.
 *
 * Every other section (and every other key inside the entries) is allowed and
 * passed through untouched. Source of the shapes: msticpy's configuration
 * documentation ("msticpy Package Configuration") and `GeoLiteLookup`.
 */
export const msticpyConfigSchema = z
  .looseObject({
    OtherProviders: otherProvidersSchema.nullish(),
    AzureSentinel: keptSection('Microsoft Sentinel workspaces (older name)'),
    MSSentinel: keptSection('Microsoft Sentinel workspaces'),
    TIProviders: keptSection('Threat-intelligence providers'),
    DataProviders: keptSection('Data providers'),
    KeyVault: keptSection('Azure Key Vault settings'),
    UserDefaults: keptSection('msticpy user defaults'),
    Azure: keptSection('Azure cloud settings'),
  })
  .meta({
    title: 'msticpyconfig.yaml (iocmap)',
    description: 'The msticpyconfig.yaml settings read by iocmap; any other msticpy section is allowed.',
  });

/** A validated configuration document (output of {@link msticpyConfigSchema}). */
export type MsticpyConfig = z.output<typeof msticpyConfigSchema>;

/**
 * Build the JSON Schema (draft 2020-12) of what iocmap reads, for editors.
 *
 * Generated from {@link msticpyConfigSchema} with `z.toJSONSchema` in input
 * mode, so optional keys with defaults are not required and show their default.
 * Unknown top-level sections are allowed (`additionalProperties: true`).
 */
export function createJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(msticpyConfigSchema, { io: 'input' }) as Record<string, unknown>;
  // zod writes `{}` (any value); `true` says the same and reads plainly to editors and people.
  schema.additionalProperties = true;
  return schema;
}
