/** Digests for the n8n `hash()` string extension, on @noble/hashes (pure JS: core may not import node:crypto). */
import { md5, ripemd160, sha1 } from '@noble/hashes/legacy.js';
import { sha224, sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { sha3_224, sha3_256, sha3_384, sha3_512 } from '@noble/hashes/sha3.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

type HashFn = (message: Uint8Array) => Uint8Array;

/** n8n's `sha3` is SHA3-512 (FIPS 202); the sized names are offered too. */
const ALGORITHMS = {
  md5,
  sha1,
  sha224,
  sha256,
  sha384,
  sha512,
  sha3: sha3_512,
  'sha3-224': sha3_224,
  'sha3-256': sha3_256,
  'sha3-384': sha3_384,
  'sha3-512': sha3_512,
  ripemd160,
} satisfies Record<string, HashFn>;

export const HASH_ALGORITHMS = Object.keys(ALGORITHMS) as readonly (keyof typeof ALGORITHMS)[];

function isAlgorithm(name: string): name is keyof typeof ALGORITHMS {
  return Object.hasOwn(ALGORITHMS, name);
}

/** Hex digest of the UTF-8 bytes of `text`; undefined for an unknown algorithm. */
export function digest(text: string, algorithm: string): string | undefined {
  if (!isAlgorithm(algorithm)) return undefined;
  return bytesToHex(ALGORITHMS[algorithm](utf8ToBytes(text)));
}
