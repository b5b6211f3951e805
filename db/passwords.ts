import { randomBytes, scryptSync, timingSafeEqual } from "node:crypto";

// scrypt parameters: N=2^17, r=8, p=1 is OWASP's minimum for scrypt. Hashes written with older
// parameters (N=2^15 before) still verify, and are rewritten at the next successful login
// (`needsRehash`).
const N = 2 ** 17;
const R = 8;
const P = 1;
const KEY_LEN = 32;
// scrypt's working memory is 128·N·r bytes (128 MiB here); Node refuses anything above `maxmem`,
// so the cap leaves room for it and for a little bookkeeping, not for a stored hash asking for more.
const MAXMEM = 128 * N * R + 16 * 1024 * 1024;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize("NFC"), salt, KEY_LEN, { N, r: R, p: P, maxmem: MAXMEM });
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64")}$${key.toString("base64")}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, n, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, "base64");
  const actual = scryptSync(password.normalize("NFC"), Buffer.from(salt, "base64"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: MAXMEM,
  });
  return timingSafeEqual(actual, expected);
}

/** True when a stored hash was written with other parameters than today's: rewrite it once the password is known. */
export function needsRehash(stored: string): boolean {
  const [scheme, n, r, p] = stored.split("$");
  return scheme !== "scrypt" || Number(n) !== N || Number(r) !== R || Number(p) !== P;
}
