import type { Strapi } from '../core/strapi';

/**
 * Failures and re-authorization needs, e-mailed through Strapi's email plugin
 * when it is installed and someone is named in `publishing.notifyEmails`.
 * Best effort: a mail server that is down never blocks publishing.
 */
export function createNotifier(strapi: Strapi, recipients: () => string[]) {
  return async (subject: string, text: string) => {
    const to = recipients();
    const email = strapi.plugin('email')?.service('email') as { send(options: object): Promise<unknown> } | undefined;
    if (!to.length || !email) return;
    try {
      await email.send({ to: to.join(','), subject: `[Community Manager] ${subject}`, text });
    } catch (err) {
      strapi.log.warn(`community-manager: could not e-mail "${subject}": ${err instanceof Error ? err.message : String(err)}`);
    }
  };
}
