import { z } from 'zod';
import { parseKeyringEnv } from './crypto/vault';

/**
 * Plugin configuration (`config/plugins.js` -> `community-manager.config`).
 * Environment variables fill the defaults so an agency can configure a client's
 * instance without editing code.
 */
export const configSchema = z.object({
  encryption: z.object({
    keys: z.record(z.string(), z.string()),
    activeKeyId: z.string().nullable(),
  }),
  outbound: z.object({
    /** hosts or CIDR ranges that may be reached even though they are private (intranet feeds, tests) */
    allowedHosts: z.array(z.string()),
    timeoutMs: z.number().int().positive(),
    maxResponseBytes: z.number().int().positive(),
  }),
});

export type PluginConfig = z.infer<typeof configSchema>;

type Env = ((key: string, fallback?: string) => string | undefined) & {
  int: (key: string, fallback?: number) => number;
};

const list = (raw: string | undefined) =>
  (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export const defaultConfig = ({ env }: { env: Env }): PluginConfig => ({
  encryption: parseKeyringEnv(env('CM_ENCRYPTION_KEYS')),
  outbound: {
    allowedHosts: list(env('CM_OUTBOUND_ALLOWED_HOSTS')),
    timeoutMs: env.int('CM_OUTBOUND_TIMEOUT_MS', 10_000),
    maxResponseBytes: env.int('CM_OUTBOUND_MAX_BYTES', 5 * 1024 * 1024),
  },
});

export function validateConfig(config: unknown) {
  const result = configSchema.safeParse(config);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`community-manager config: ${issue.path.join('.')}: ${issue.message}`);
  }
}
