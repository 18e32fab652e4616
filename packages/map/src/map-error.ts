// MapError is plain JavaScript so that the browser renderer, inlined into every
// standalone page, throws the same class as the Node builder.
export type { MapErrorCode, MapErrorContext } from './client/map-error.js';
export { MapError } from './client/map-error.js';
