import { createRequire } from 'node:module';
import type { TestApp } from './strapi';

/**
 * Test admins get a bcrypt hash of cost 4 instead of Strapi's cost 10.
 *
 * Strapi hashes admin passwords with bcryptjs (pure JavaScript) at cost 10:
 * about 84 ms of CPU for a hash and as much for each sign-in's comparison,
 * 64 times the work of cost 4. Every boot of a test stage signs its first
 * admin in, and the RBAC suites create admins by the dozen: a profile of an
 * API file showed 9 % of its CPU in bcryptjs. The sign-in itself stays real
 * (`POST /admin/login` compares the password against the stored hash, whose
 * cost the hash carries); only the stored hash is cheaper to check. The
 * hashing at registration is still exercised by each stage's first boot.
 */
const bcrypt = createRequire(__filename)('bcryptjs') as { hashSync(password: string, rounds: number): string };

const hashes = new Map<string, string>();

export async function setTestPassword(app: Pick<TestApp, 'strapi'>, userId: number, password: string): Promise<void> {
  let hash = hashes.get(password);
  if (!hash) hashes.set(password, (hash = bcrypt.hashSync(password, 4)));
  await app.strapi.db.query('admin::user').update({ where: { id: userId }, data: { password: hash, registrationToken: null } });
}
