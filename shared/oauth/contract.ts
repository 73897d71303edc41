import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema';
import { documentIdParam } from '../core/zod';
import { m } from '../core/messages';
import { API_VERSION, isVersionOption } from './options';

/**
 * The OAuth routes' contract (docs/api.md, "Sign in with OAuth"): the server
 * parses every request with these schemas; the admin derives its request
 * types from them and reads the answers' types here. No answer ever holds a
 * token or a client secret.
 */

/** The network's id in a path: a registry id, nothing else. */
export const networkParam = lazySchema(() => z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'Must be a network id'));

export const authorizeInput = lazySchema(() =>
  z
    .object({
      name: z.string().trim().min(1).max(120).optional(),
      editorialLineId: documentIdParam.nullable().optional(),
    })
    .strict()
);
export type AuthorizeInput = z.input<typeof authorizeInput>;

/**
 * What the network sends back to the callback (RFC 6749 §4.1.2 and
 * §4.1.2.1). Anything malformed or oversized is treated as no value: the
 * callback then fails with a code, never with a stack.
 */
export const callbackQuery = lazySchema(() =>
  z.object({
    state: z.string().max(200).optional().catch(undefined),
    code: z.string().max(4096).optional().catch(undefined),
    error: z
      .string()
      .max(100)
      .regex(/^[\x20-\x7e]*$/)
      .optional()
      .catch(undefined),
  })
);

/** Every other option is the address of one of the network's servers (a sandbox, a self-hosted authorization server). */
const urlOption = lazySchema(() => z.string().url(m('oauth_option_url')));
const versionOption = lazySchema(() => z.string().regex(API_VERSION, m('oauth_api_version')));

/** An option's value, checked by what its name says it holds; null removes it. */
const options = lazySchema(() =>
  z.record(z.string().regex(/^[a-zA-Z]{1,40}$/), z.string().trim().max(2048, m('too_long')).nullable()).superRefine((values, ctx) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === null) continue;
      const parsed = (isVersionOption(name) ? versionOption : urlOption).safeParse(value);
      for (const issue of parsed.error?.issues ?? []) ctx.addIssue({ code: 'custom', message: issue.message, path: [name] });
    }
  })
);

export const appInput = lazySchema(() =>
  z
    .object({
      clientId: z.string().trim().max(500).nullable().optional(),
      /** undefined keeps the stored secret, null removes it */
      clientSecret: z.string().min(1).max(2000).nullable().optional(),
      options: options.optional(),
    })
    .strict()
);
export type AppInput = z.input<typeof appInput>;

/** Where a value comes from: the environment wins over Settings. */
export type Source = 'env' | 'settings' | null;

/** What Settings shows of one network's app: never the secret, only whether it is set and where from. */
export interface AppView {
  network: string;
  clientId: string | null;
  clientIdSource: Source;
  clientSecretSet: boolean;
  clientSecretSource: Source;
  options: Record<string, { value: string | null; source: Source; env: string }>;
  env: { clientId: string; clientSecret: string };
}

/** GET /oauth/apps: the app, whether the network's authorization server is configured, the redirect URI to register. */
export interface OAuthApp extends AppView {
  /** the network the sign-in connects accounts of (`network` is the sign-in's id: `instagram-login` for Instagram) */
  of: string;
  serverConfigured: boolean;
  redirectUri: string;
}

export type RefreshOutcome = 'refreshed' | 'waited' | 'fresh' | 'retry_later' | 'needs_reauth' | 'not_oauth';
