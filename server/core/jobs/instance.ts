import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * Who holds a lease: host, process and a random part, so a restarted process
 * (or a second job runner in the same process) is someone new. At most 55
 * characters, so `<id>#<batch>` fits every lease column (64 and more).
 */
export function newInstanceId(): string {
  return `${hostname().slice(0, 40)}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** The process's own id, for jobs that need no id of their own. */
export const INSTANCE_ID = newInstanceId();
