import type { Strapi } from '../core/strapi';
import { ACTIONS } from '../../shared/core/permissions';
import { messageTemplate, type MessageParams } from '../../shared/core/messages';
import { adminAbility } from '../core/admin-ability';

/**
 * The inbox's e-mails (an item assigned to someone, a crisis alert), plain
 * text, in the recipient's admin language (English unless French), sent
 * through Strapi's email plugin. Best effort: a missing or failing mail
 * server never fails the action that sends them; the caller learns why.
 */

type Language = 'en' | 'fr';

const languageOf = (user: { preferedLanguage?: unknown }): Language =>
  typeof user.preferedLanguage === 'string' && /^fr\b/i.test(user.preferedLanguage) ? 'fr' : 'en';

/**
 * The French of the e-mails' codes (the English is shared/core/messages.ts);
 * tests/unit/inbox-crisis.test.ts checks they match admin/translations/fr.json.
 */
export const INBOX_EMAIL_FR = {
  inbox_assigned_email_subject: '[Community Manager] {by} vous a confié un message',
  inbox_assigned_email_body:
    '{by} vous a confié un message de {author} ({source}) : « {text} ». Ouvrez-le dans Community Manager > Modération.',
  crisis_alert_email_subject: '[Community Manager] Alerte de crise : {count} messages négatifs en {minutes} minutes',
  crisis_alert_email_body:
    '{count} des {total} messages reçus ces {minutes} dernières minutes sont négatifs, quand environ {expected} étaient attendus d’après les {days} derniers jours. Ouvrez Community Manager > Modération pour les examiner et, si besoin, activez le mode crise (il suspend toutes les publications).',
  crisis_holding_title: 'Déclaration d’attente',
} as const;

export type InboxEmailCode = keyof typeof INBOX_EMAIL_FR;

const fill = (template: string, params: MessageParams) =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));

/** One code's text in a language. */
export const inboxText = (code: InboxEmailCode, language: Language, params: MessageParams = {}) =>
  fill(language === 'fr' ? INBOX_EMAIL_FR[code] : messageTemplate(code), params);

export type EmailOutcome = { sent: number; problem: 'not_configured' | 'no_recipients' | 'failed' | null };

interface EmailService {
  send(options: object): Promise<unknown>;
}

const emailService = (strapi: Strapi) => {
  try {
    return strapi.plugin('email')?.service('email') as EmailService | undefined;
  } catch {
    return undefined;
  }
};

/** Sends one message per language to the given people; never throws. */
export async function sendInboxEmail(
  strapi: Strapi,
  to: Array<{ email: string; language: Language }>,
  message: (language: Language) => { subject: string; text: string }
): Promise<EmailOutcome> {
  if (!to.length) return { sent: 0, problem: 'no_recipients' };
  const email = emailService(strapi);
  if (!email) {
    strapi.log.warn('community-manager: inbox: the email plugin is not installed, nothing was e-mailed');
    return { sent: 0, problem: 'not_configured' };
  }
  let sent = 0;
  let problem: EmailOutcome['problem'] = null;
  for (const language of ['en', 'fr'] as const) {
    const group = to.filter((r) => r.language === language).map((r) => r.email);
    if (!group.length) continue;
    try {
      await email.send({ to: group.join(','), ...message(language) });
      sent += group.length;
    } catch (err) {
      problem = 'failed';
      strapi.log.warn(
        `community-manager: inbox: could not e-mail (is the email plugin configured?): ${err instanceof Error ? err.message : String(err)}`
      );
    }
  }
  return { sent, problem };
}

interface AdminUserRow {
  id: number;
  email?: string | null;
  firstname?: string | null;
  lastname?: string | null;
  preferedLanguage?: string | null;
}

/** The active admins who may moderate the inbox, with an address and their language. */
export async function moderators(strapi: Strapi): Promise<Array<{ id: number; email: string; language: Language }>> {
  const users = (await strapi.db.query('admin::user').findMany({
    where: { isActive: true, blocked: { $ne: true } },
    select: ['id', 'email', 'preferedLanguage'],
    limit: 500,
  })) as AdminUserRow[];
  const out = [];
  for (const user of users) {
    if (!user.email) continue;
    if ((await adminAbility(strapi, user.id)).can(ACTIONS.moderationAct))
      out.push({ id: user.id, email: user.email, language: languageOf(user) });
  }
  return out;
}

/** One admin user's address and language, or null. */
export async function adminContact(strapi: Strapi, userId: number): Promise<{ email: string; language: Language } | null> {
  const user = (await strapi.db.query('admin::user').findOne({
    where: { id: userId },
    select: ['id', 'email', 'preferedLanguage'],
  })) as AdminUserRow | null;
  return user?.email ? { email: user.email, language: languageOf(user) } : null;
}

/**
 * Tells a person an item was assigned to them, in their language. Not when
 * they assigned it to themselves.
 */
export async function emailAssignee(
  strapi: Strapi,
  assigneeId: number,
  by: { id: number; name: string },
  item: { authorName: string; source: string; text: string }
): Promise<EmailOutcome> {
  if (assigneeId === by.id) return { sent: 0, problem: 'no_recipients' };
  const contact = await adminContact(strapi, assigneeId);
  const excerpt = item.text.length > 500 ? `${item.text.slice(0, 500)}…` : item.text;
  const params = { by: by.name, author: item.authorName, source: item.source, text: excerpt };
  return sendInboxEmail(strapi, contact ? [contact] : [], (language) => ({
    subject: inboxText('inbox_assigned_email_subject', language, params),
    text: inboxText('inbox_assigned_email_body', language, params),
  }));
}
