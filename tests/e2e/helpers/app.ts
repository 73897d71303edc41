import { freePort } from '../../helpers/free-port';
import { startApp, type TestApp } from '../../helpers/strapi';

export type ServedApp = TestApp;

/** The playground with its built admin panel, listening on a loopback port for the browser. */
export async function serveApp(env: Record<string, string> = {}): Promise<ServedApp> {
  const port = await freePort();
  // The admin's URL comes from HOST/PORT, so the port is chosen before boot.
  return startApp({ SERVE_ADMIN_PANEL: 'true', HOST: '127.0.0.1', PORT: String(port), ...env }, { port });
}
