import { hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (19 MiB, 2 passes): about 20 ms here, slow enough for guessing.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

// Verified against when the user does not exist, so a wrong username costs as long as a wrong password.
export function dummyHash(): Promise<string> {
  dummy ??= hash('no-such-user-password');
  return dummy;
}
