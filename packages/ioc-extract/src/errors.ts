/** Stable error codes thrown by this package. */
export type IocExtractErrorCode = 'INVALID_OPTION' | 'INVALID_INPUT';

/**
 * The one error class of `@iocmap/ioc-extract`.
 *
 * | code | when |
 * |---|---|
 * | `INVALID_OPTION` | an unknown type name, a malformed custom type, an unknown column |
 * | `INVALID_INPUT` | the text is not a string, a table is not an array, a stream chunk is neither string nor bytes |
 */
export class IocExtractError extends Error {
  /** Stable machine-readable code. */
  readonly code: IocExtractErrorCode;
  /** The option or argument that was wrong, e.g. `types`. */
  readonly option: string | undefined;
  /** The offending value, as given. */
  readonly value: unknown;

  constructor(
    code: IocExtractErrorCode,
    message: string,
    context: { option?: string; value?: unknown; cause?: unknown } = {},
  ) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.name = 'IocExtractError';
    this.code = code;
    this.option = context.option;
    this.value = context.value;
  }
}
