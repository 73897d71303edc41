import { randomBytes } from 'node:crypto';
import type { TestApp } from './strapi';

/**
 * Creates an admin whose role holds exactly `actions` (full action uids, or an
 * action on a subject such as a Content Manager read on a content type) and
 * logs it in over HTTP, as a real editor would.
 */
export async function adminWith(app: TestApp, actions: Array<string | { action: string; subject: string }>): Promise<string> {
  const suffix = randomBytes(4).toString('hex');
  const roleService = app.strapi.service('admin::role') as unknown as {
    create(data: object): Promise<{ id: number }>;
    assignPermissions(id: number, permissions: object[]): Promise<unknown>;
  };
  const role = await roleService.create({ name: `Role ${suffix}`, description: `Test role holding ${actions.length} actions` });
  await roleService.assignPermissions(
    role.id,
    actions.map((a) => (typeof a === 'string' ? { action: a, subject: null } : a)).map((a) => ({ ...a, conditions: [], properties: {} }))
  );
  const email = `user-${suffix}@example.com`;
  const password = `Pass-${suffix}-2026`;
  await (app.strapi.service('admin::user') as unknown as { create(data: object): Promise<unknown> }).create({
    email,
    firstname: 'Test',
    lastname: suffix,
    password,
    isActive: true,
    roles: [role.id],
  });
  const res = await app.http.post('/admin/login').send({ email, password });
  if (res.status !== 200) throw new Error(`login failed for ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.token as string;
}
