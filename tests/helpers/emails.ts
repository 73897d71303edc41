import type { TestApp } from './strapi';

export type SentEmail = Record<string, unknown> & { to?: string; subject?: string; text?: string; html?: string };

/**
 * Swaps the transport of Strapi's email plugin for one that records: the
 * plugin's own service (`strapi.plugin('email').service('email').send`) still
 * runs, so what is checked is what a real provider would have been handed.
 */
export function recordEmails(app: TestApp): SentEmail[] {
  const sent: SentEmail[] = [];
  (app.strapi.plugin('email') as unknown as { provider: object }).provider = {
    send: async (options: SentEmail) => void sent.push(options),
  };
  return sent;
}
