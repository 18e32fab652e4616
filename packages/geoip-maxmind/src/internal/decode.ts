/**
 * A bounded decoder for the MaxMind DB data format, used to read metadata and
 * to verify a database before the fast reader (`maxmind`) is trusted with it.
 * Unlike a plain recursive decoder it never leaves its byte window, caps
 * nesting (which also stops pointer cycles) and rejects pointers to pointers.
 *
 * Source: MaxMind DB File Format Specification 2.0,
 * https://maxmind.github.io/MaxMind-DB/
 */

/** Thrown on malformed data; callers turn it into `DATABASE_CORRUPT`. */
export class MmdbFormatError extends Error {
  override name = 'MmdbFormatError';
}

/** libmaxminddb's limit (MAXIMUM_DATA_STRUCTURE_DEPTH). */
export const MAX_DEPTH = 512;

/** Stands in for a pointer target that was already verified (verify mode does not build values). */
const VERIFIED = Symbol('verified');

const POINTER_BASE = [0, 2048, 526336, 0] as const;

/** Decodes values from `buf` within `[start, end)`; pointers are relative to `pointerBase`. */
export class BoundedDecoder {
  /** Pointer targets already decoded without error (shared substructures). */
  private readonly verified = new Set<number>();
  constructor(
    private readonly buf: Buffer,
    private readonly start: number,
    private readonly end: number,
    private readonly pointerBase: number,
    private readonly materialize: boolean,
  ) {}

  /** Decodes the value at absolute `offset`; returns it and the offset after it. */
  decode(offset: number, depth = 0): { value: unknown; next: number } {
    if (depth > MAX_DEPTH)
      throw new MmdbFormatError(`data nested deeper than ${MAX_DEPTH} levels (or a pointer cycle)`);
    const ctrl = this.byte(offset);
    let pos = offset + 1;
    let type = ctrl >> 5;
    if (type === 1) {
      const size = (ctrl >> 3) & 3;
      const bytes = this.read(pos, size + 1);
      let packed = 0;
      if (size === 3) packed = bytes.readUInt32BE(0);
      else {
        packed = ctrl & 7;
        for (const b of bytes) packed = packed * 256 + b;
      }
      const target = this.pointerBase + packed + POINTER_BASE[size]!;
      pos += size + 1;
      if (target < this.start || target >= this.end) {
        throw new MmdbFormatError(`pointer at byte ${offset} points outside the data section (${target})`);
      }
      if (this.byte(target) >> 5 === 1)
        throw new MmdbFormatError(`pointer at byte ${offset} points to another pointer`);
      if (!this.materialize && this.verified.has(target)) return { value: VERIFIED, next: pos };
      const value = this.decode(target, depth + 1).value;
      if (!this.materialize) this.verified.add(target);
      return { value, next: pos };
    }
    if (type === 0) {
      type = 7 + this.byte(pos);
      pos += 1;
      if (type < 8 || type > 15) throw new MmdbFormatError(`invalid extended type ${type} at byte ${offset}`);
    }
    let size = ctrl & 0x1f;
    if (size === 29) {
      size = 29 + this.byte(pos);
      pos += 1;
    } else if (size === 30) {
      size = 285 + this.read(pos, 2).readUInt16BE(0);
      pos += 2;
    } else if (size === 31) {
      size = 65821 + this.read(pos, 3).readUIntBE(0, 3);
      pos += 3;
    }
    switch (type) {
      case 2: {
        const bytes = this.read(pos, size);
        const text = bytes.toString('utf8');
        if (!Buffer.from(text, 'utf8').equals(bytes))
          throw new MmdbFormatError(`invalid UTF-8 string at byte ${offset}`);
        return { value: text, next: pos + size };
      }
      case 3:
        if (size !== 8) throw new MmdbFormatError(`double of ${size} bytes at byte ${offset} (must be 8)`);
        return { value: this.read(pos, 8).readDoubleBE(0), next: pos + 8 };
      case 4:
        return { value: this.read(pos, size), next: pos + size };
      case 5:
      case 6:
      case 9:
      case 10: {
        const max = type === 5 ? 2 : type === 6 ? 4 : type === 9 ? 8 : 16;
        if (size > max)
          throw new MmdbFormatError(`unsigned integer of ${size} bytes at byte ${offset} (at most ${max})`);
        let n = 0n;
        for (const b of this.read(pos, size)) n = (n << 8n) | BigInt(b);
        return { value: n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n, next: pos + size };
      }
      case 7: {
        const map: Record<string, unknown> = {};
        for (let i = 0; i < size; i++) {
          const key = this.decode(pos, depth + 1);
          if (typeof key.value !== 'string' && key.value !== VERIFIED)
            throw new MmdbFormatError(`map key at byte ${pos} is not a string`);
          const val = this.decode(key.next, depth + 1);
          if (this.materialize && typeof key.value === 'string') map[key.value] = val.value;
          pos = val.next;
        }
        return { value: map, next: pos };
      }
      case 8:
        if (size > 4) throw new MmdbFormatError(`int32 of ${size} bytes at byte ${offset}`);
        return { value: size === 0 ? 0 : this.read(pos, size).readIntBE(0, size), next: pos + size };
      case 11: {
        const arr: unknown[] = [];
        for (let i = 0; i < size; i++) {
          const val = this.decode(pos, depth + 1);
          if (this.materialize) arr.push(val.value);
          pos = val.next;
        }
        return { value: arr, next: pos };
      }
      case 14:
        if (size > 1) throw new MmdbFormatError(`boolean with size ${size} at byte ${offset}`);
        return { value: size === 1, next: pos };
      case 15:
        if (size !== 4) throw new MmdbFormatError(`float of ${size} bytes at byte ${offset} (must be 4)`);
        return { value: this.read(pos, 4).readFloatBE(0), next: pos + 4 };
      default:
        throw new MmdbFormatError(`unsupported data type ${type} at byte ${offset}`);
    }
  }

  private byte(at: number): number {
    if (at < this.start || at >= this.end)
      throw new MmdbFormatError(`read past the end of the section at byte ${at}`);
    return this.buf[at]!;
  }

  private read(at: number, length: number): Buffer {
    if (at < this.start || at + length > this.end) {
      throw new MmdbFormatError(`a ${length}-byte value at byte ${at} runs past the end of the section`);
    }
    return this.buf.subarray(at, at + length);
  }
}
