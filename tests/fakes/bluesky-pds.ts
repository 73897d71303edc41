import { once } from 'node:events';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A REAL Bluesky PDS (`@atproto/pds`, the reference implementation) started
 * in-process for tests, with an in-process PLC directory (`@did-plc/server`,
 * in-memory). Offline, loopback only:
 *
 * - both servers listen on 127.0.0.1 only, on free ports;
 * - data lives in a fresh temp directory (SQLite account/sequencer/did-cache
 *   databases, per-actor SQLite stores and a disk blobstore), removed on stop;
 * - handles live under `.test` (e.g. `alice.test`), invites and email are off
 *   (no SMTP: mail goes to nodemailer's JSON transport), rate limits are off,
 *   no crawlers, no AppView, no moderation service.
 *
 * No AppView unless one is given (startLocalPds's `appView`): `bskyAppView` is left unconfigured, so anything the PDS would
 * proxy to an AppView (app.bsky.feed.getTimeline, app.bsky.actor.getProfile,
 * getPostThread...) is NOT served; only the PDS's own endpoints work
 * (com.atproto.server.*, com.atproto.repo.*, com.atproto.identity.*,
 * com.atproto.sync.*, blobs). Posts are real repo records, readable with
 * com.atproto.repo.getRecord / listRecords.
 *
 * The PDS's `publicUrl` (the `atproto_pds` service endpoint written into each
 * account's DID document, which createSession/refreshSession return as
 * `didDoc`, as bsky.social does) is `url` below, i.e. http://127.0.0.1:PORT.
 * The PDS's own service DID is `did:web:localhost` (as in upstream dev-env).
 *
 * Logging is off: @atproto/common reads LOG_ENABLED once when first loaded, so
 * the modules are required lazily with LOG_ENABLED=false forced for the
 * duration of the require.
 */
export interface LocalPds {
  /** e.g. http://127.0.0.1:PORT (loopback only) */
  url: string;
  /**
   * Creates the account AND an app password via
   * com.atproto.server.createAppPassword, and returns that app password.
   * `handle` is `<name>.test` or a bare `<name>` (`.test` is appended); the
   * PDS wants 3-18 characters in `<name>`, no dots, not a reserved word.
   * Email is `<handle>@example.test` (the PDS requires one; nothing is sent).
   */
  createAccount(handle: string, password: string): Promise<{ did: string; handle: string; appPassword: string }>;
  /** The record's `value` (com.atproto.repo.getRecord, unauthenticated), or null when it does not exist. */
  getRecord(repo: string, collection: string, rkey: string): Promise<unknown | null>;
  stop(): Promise<void>;
}

type PdsModule = typeof import('@atproto/pds');
type PlcModule = typeof import('@did-plc/server');
type CryptoModule = typeof import('@atproto/crypto');

interface Modules {
  pds: PdsModule;
  plc: PlcModule;
  crypto: CryptoModule;
}

let modules: Promise<Modules> | undefined;

function loadModules(): Promise<Modules> {
  modules ??= (async () => {
    const previous = process.env.LOG_ENABLED;
    process.env.LOG_ENABLED = 'false';
    try {
      const [pds, plc, crypto] = await Promise.all([import('@atproto/pds'), import('@did-plc/server'), import('@atproto/crypto')]);
      return { pds, plc, crypto };
    } finally {
      if (previous === undefined) delete process.env.LOG_ENABLED;
      else process.env.LOG_ENABLED = previous;
    }
  })();
  return modules;
}

const HOST = '127.0.0.1';

async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, HOST);
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function listenOnLoopback(listen: () => Server): Promise<Server> {
  const server = listen();
  await Promise.race([
    once(server, 'listening'),
    once(server, 'error').then(([err]) => {
      throw err;
    }),
  ]);
  return server;
}

async function closeServer(server: Server | undefined): Promise<void> {
  if (!server || !server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}

async function xrpc(
  base: string,
  nsid: string,
  init: { method?: 'GET' | 'POST'; body?: unknown; token?: string; query?: Record<string, string> } = {}
): Promise<{ status: number; body: any }> {
  const url = new URL(`/xrpc/${nsid}`, base);
  for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const res = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // keep text
  }
  return { status: res.status, body };
}

/**
 * `appView`: the AppView the PDS proxies `app.bsky.*` to (as bsky.social
 * proxies to api.bsky.app), e.g. tests/fakes/bluesky-appview.ts; none when
 * left out.
 */
export async function startLocalPds(options: { appView?: { url: string; did: string } } = {}): Promise<LocalPds> {
  const { pds: pdsLib, plc: plcLib, crypto } = await loadModules();
  const dataDirectory = await mkdtemp(path.join(tmpdir(), 'cm-bluesky-pds-'));

  let plcServer: InstanceType<PlcModule['PlcServer']> | undefined;
  let plcHttp: Server | undefined;
  let pds: InstanceType<PdsModule['PDS']> | undefined;
  let pdsHttp: Server | undefined;

  const stop = async (): Promise<void> => {
    // The PDS's own destroy() only terminates a server it started itself;
    // ours is closed here, then destroy() stops the sequencer, background
    // queue, databases and proxy agent.
    await closeServer(pdsHttp);
    pdsHttp = undefined;
    if (pds) await pds.destroy();
    pds = undefined;
    await closeServer(plcHttp);
    plcHttp = undefined;
    if (plcServer) await plcServer.destroy();
    plcServer = undefined;
    await rm(dataDirectory, { recursive: true, force: true });
  };

  try {
    // PLC directory, in memory (no Postgres).
    plcServer = plcLib.PlcServer.create({ db: plcLib.Database.mock() });
    const plcApp = plcServer.app;
    plcHttp = await listenOnLoopback(() => plcApp.listen(0, HOST));
    const plcUrl = `http://${HOST}:${(plcHttp.address() as AddressInfo).port}`;

    const rotationKey = await crypto.Secp256k1Keypair.create({ exportable: true });
    const rotationKeyHex = Buffer.from(await rotationKey.export()).toString('hex');
    const recoveryKey = await crypto.Secp256k1Keypair.create();

    // The PDS has to know its port before it is created (it ends up in the
    // DID documents it writes), so pick a free one and retry on a lost race.
    let lastError: unknown;
    for (let attempt = 0; attempt < 5 && !pdsHttp; attempt++) {
      const port = await freePort();
      const url = `http://${HOST}:${port}`;
      const env: Parameters<PdsModule['envToCfg']>[0] = {
        port,
        hostname: 'localhost',
        serviceDid: 'did:web:localhost',
        devMode: true,
        dataDirectory: path.join(dataDirectory, `pds-${attempt}`),
        blobstoreDiskLocation: path.join(dataDirectory, `pds-${attempt}`, 'blobs'),
        blobstoreDiskTmpLocation: path.join(dataDirectory, `pds-${attempt}`, 'blobs-tmp'),
        didPlcUrl: plcUrl,
        recoveryDidKey: recoveryKey.did(),
        plcRotationKeyK256PrivateKeyHex: rotationKeyHex,
        serviceHandleDomains: ['.test'],
        handleBackupNameservers: [],
        // Like bsky.social: createSession/refreshSession/getSession return the
        // account's `didDoc`, whose atproto_pds endpoint is `url`.
        enableDidDocWithSession: true,
        inviteRequired: false,
        rateLimitsEnabled: false,
        crawlers: [],
        disableSsrfProtection: true,
        jwtSecret: crypto.randomStr(16, 'base32'),
        adminPassword: crypto.randomStr(16, 'base32'),
        dpopSecret: Buffer.from(crypto.randomBytes(32)).toString('hex'),
        trustedOAuthClients: [],
        rateLimitBypassIps: [],
        serviceName: 'community-manager test PDS',
        ...(options.appView ? { bskyAppViewUrl: options.appView.url, bskyAppViewDid: options.appView.did } : {}),
      };
      await mkdir(env.dataDirectory!, { recursive: true });
      const cfg = pdsLib.envToCfg(env);
      // envToCfg only knows http://localhost:PORT or https://<hostname>.
      cfg.service.publicUrl = url;
      const secrets = pdsLib.envToSecrets(env);
      const candidate = await pdsLib.PDS.create(cfg, secrets);
      try {
        // What PDS.start() does, but bound to loopback only. app.listen is
        // wrapped by xrpc-server to wire WebSocket upgrades (subscribeRepos).
        await candidate.ctx.sequencer.start();
        const server = await listenOnLoopback(() => candidate.app.listen(port, HOST));
        server.keepAliveTimeout = 90_000;
        candidate.server = server;
        pds = candidate;
        pdsHttp = server;
      } catch (err) {
        lastError = err;
        await candidate.destroy().catch(() => undefined);
        if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
      }
    }
    if (!pdsHttp) throw lastError;
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }

  const url = `http://${HOST}:${(pdsHttp.address() as AddressInfo).port}`;

  return {
    url,
    async createAccount(handle, password) {
      const fullHandle = handle.includes('.') ? handle : `${handle}.test`;
      const created = await xrpc(url, 'com.atproto.server.createAccount', {
        body: { handle: fullHandle, password, email: `${fullHandle}@example.test` },
      });
      if (created.status !== 200) {
        throw new Error(`createAccount(${fullHandle}) failed: ${created.status} ${JSON.stringify(created.body)}`);
      }
      const appPw = await xrpc(url, 'com.atproto.server.createAppPassword', {
        body: { name: 'community-manager' },
        token: created.body.accessJwt,
      });
      if (appPw.status !== 200) {
        throw new Error(`createAppPassword(${fullHandle}) failed: ${appPw.status} ${JSON.stringify(appPw.body)}`);
      }
      return { did: created.body.did, handle: created.body.handle, appPassword: appPw.body.password };
    },
    async getRecord(repo, collection, rkey) {
      const res = await xrpc(url, 'com.atproto.repo.getRecord', { query: { repo, collection, rkey } });
      if (res.status === 200) return res.body.value;
      // 400 {"error":"RecordNotFound","message":"Could not locate record: at://…"} for a repo
      // hosted here; 400 {"error":"InvalidRequest","message":"Could not locate record"} for a
      // repo that is not (it would ask the AppView, and there is none).
      if (res.status === 400 && res.body?.error === 'RecordNotFound') return null;
      if (res.status === 400 && res.body?.message === 'Could not locate record') return null;
      throw new Error(`getRecord(${repo}/${collection}/${rkey}) failed: ${res.status} ${JSON.stringify(res.body)}`);
    },
    stop,
  };
}
