/**
 * A copy of `value` that shares no storage with the text it was cut from:
 * engines may keep a substring as a view of its source, and a kept value
 * would then keep that whole text alive. Short strings are always copies;
 * longer ones are flattened by slicing a concatenation.
 */
export function detach(value: string): string {
  return value.length < 13 ? value : `${value} `.slice(0, -1);
}
