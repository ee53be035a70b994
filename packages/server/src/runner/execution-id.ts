import { randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const LENGTH = 16;
const pool = Buffer.alloc(8192);
let offset = pool.length;

function nextByte(): number {
  if (offset >= pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  return pool[offset++];
}

/**
 * A new execution id: 16 base-62 characters (≈ 95 bits), the shape of the
 * other ids. Random bytes come from a pool refilled 8 KB at a time: one
 * system call per ~250 executions instead of one per execution, on the hot path.
 */
export function newExecutionId(): string {
  let out = '';
  while (out.length < LENGTH) {
    const byte = nextByte();
    // 248 = 4 * 62: rejecting higher bytes keeps the alphabet uniform.
    if (byte < 248) out += ALPHABET[byte % 62];
  }
  return out;
}
