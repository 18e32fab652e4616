import { createRequire } from 'node:module';
import type * as IpAddr from 'ipaddr.js';

/*
 * ipaddr.js is CommonJS with `export =`; Node's ESM loader exposes it only as
 * a default export, and a default import would force every consumer that
 * type-checks this package's sources to enable allowSyntheticDefaultImports.
 * Loading it through createRequire keeps both the runtime and the types exact.
 */
export const ipaddr = createRequire(import.meta.url)('ipaddr.js') as typeof IpAddr;
export type IPv4 = IpAddr.IPv4;
export type IPv6 = IpAddr.IPv6;
