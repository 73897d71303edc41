import { freePort } from '../../helpers/free-port';
import { startApp, type TestApp } from '../../helpers/strapi';

export interface ServedApp extends TestApp {
  url: string;
}

/** The playground with its built admin panel, listening on a loopback port for the browser. */
export async function serveApp(env: Record<string, string> = {}): Promise<ServedApp> {
  const port = await freePort();
  const app = await startApp({ SERVE_ADMIN_PANEL: 'true', HOST: '127.0.0.1', PORT: String(port), ...env });
  await new Promise<void>((resolve) => app.strapi.server.httpServer.listen(port, '127.0.0.1', resolve));
  return { ...app, url: `http://127.0.0.1:${port}` };
}
