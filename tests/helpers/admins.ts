import { randomBytes } from 'node:crypto';
import type { TestApp } from './strapi';
import { setTestPassword } from './test-password';

/**
 * Creates an admin whose role holds exactly `actions` (full action uids, or an
 * action on a subject such as a Content Manager read on a content type) and
 * logs it in over HTTP, as a real editor would.
 */
export async function adminWith(app: TestApp, actions: Action[]): Promise<string> {
  return (await adminWithRole(app, actions)).token;
}

type Action = string | { action: string; subject: string };

const roleService = (app: TestApp) =>
  app.strapi.service('admin::role') as unknown as {
    create(data: object): Promise<{ id: number }>;
    assignPermissions(id: number, permissions: object[]): Promise<unknown>;
  };

const asPermissions = (actions: Action[]) =>
  actions.map((a) => (typeof a === 'string' ? { action: a, subject: null } : a)).map((a) => ({ ...a, conditions: [], properties: {} }));

/**
 * `adminWith`, keeping hold of the role: `setActions` gives the same admin
 * other actions (Strapi reads a user's permissions on each request, and
 * replacing a role's permissions writes only what changed). A suite trying
 * each action in turn reuses one admin instead of creating one per action,
 * each with a password hash, a sign-in and a full set of permissions.
 */
export async function adminWithRole(
  app: TestApp,
  actions: Action[]
): Promise<{ token: string; setActions(actions: Action[]): Promise<void> }> {
  const suffix = randomBytes(4).toString('hex');
  const role = await roleService(app).create({ name: `Role ${suffix}`, description: `Test role holding ${actions.length} actions` });
  await roleService(app).assignPermissions(role.id, asPermissions(actions));
  return {
    token: await adminInRole(app, role.id),
    setActions: async (next) => void (await roleService(app).assignPermissions(role.id, asPermissions(next))),
  };
}

/** A new admin holding an existing role (one the plugin made, say), logged in over HTTP: its JWT. */
export async function adminInRole(app: TestApp, roleId: number): Promise<string> {
  const suffix = randomBytes(4).toString('hex');
  const email = `user-${suffix}@example.com`;
  const password = `Pass-${suffix}-2026`;
  const user = await (app.strapi.service('admin::user') as unknown as { create(data: object): Promise<{ id: number }> }).create({
    email,
    firstname: 'Test',
    lastname: suffix,
    isActive: true,
    roles: [roleId],
  });
  await setTestPassword(app, user.id, password);
  const res = await app.http.post('/admin/login').send({ email, password });
  if (res.status !== 200) throw new Error(`login failed for ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.token as string;
}
