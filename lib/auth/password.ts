// Password hashing with argon2id (OWASP 2024 minimum parameters: 19 MiB, 2 passes, 1 lane).
import { hash, verify } from "@node-rs/argon2";

const ARGON2ID = 2; // Algorithm.Argon2id; the const enum is not importable under isolatedModules.

const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A hash of nothing in particular, made once with the same parameters as every account's, verified
 * when the username is unknown so both paths cost the same (one argon2id verification, no hashing).
 */
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$CdPpZp69rx+kdRegAt/lzQ$3554HIF+gmDYgXkmBLuWS75qDibvcffLPaikf3GDiRs";
export function dummyPasswordHash(): string {
  return DUMMY_HASH;
}
