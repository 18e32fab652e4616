export { defang } from './defang.js';
export { IocExtractError, type IocExtractErrorCode } from './errors.js';
export { extract, extractMatches, extractRecords, extractStream } from './extract.js';
export { createExtractor, type Extractor, type ExtractorOptions } from './extractor.js';
export { type RefangOptions, refang } from './refang.js';
export { STREAM_CARRY_LIMIT, STREAM_LINE_LIMIT } from './stream.js';
export {
  type CustomIocType,
  DEFAULT_IOC_TYPES,
  type ExtractOptions,
  IOC_TYPES,
  type IocEncoding,
  type IocMatch,
  type IocRecordMatch,
  type IocResult,
  type IocStreamSource,
  type IocTable,
  type IocType,
} from './types.js';
