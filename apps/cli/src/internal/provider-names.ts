/** Names accepted by `--provider`. */
export const PROVIDER_NAMES = ['dbip', 'maxmind', 'ipstack', 'ipinfo'] as const;
/** One of {@link PROVIDER_NAMES}. */
export type ProviderName = (typeof PROVIDER_NAMES)[number];
