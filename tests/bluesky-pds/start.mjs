// A real Bluesky PDS on loopback for the integration tests: an in-memory PLC directory (@did-plc/server) and the
// reference PDS (@atproto/pds) in dev mode (no invite code, no app view, no relay), its SQLite files and blobs in a
// temporary folder removed at exit. Prints one line `PDS ready {"url":...,"adminPassword":...}` when it answers.
// Stops on SIGTERM/SIGINT or when its standard input closes (the test host died), so it never outlives the tests.
// Usage: node start.mjs   (after `npm ci` here, with npm_config_nodedir=/usr for better-sqlite3's build on this machine)
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// The PDS declares Node >= 22 and calls iterator helpers (walk(...).filter): polyfill them on older Node.
if (Number(process.versions.node.split('.')[0]) < 22) {
  await import('core-js/actual/iterator/index.js');
}

const { PDS, envToCfg, envToSecrets, readEnv } = await import('@atproto/pds');
const plc = await import('@did-plc/server');

const host = '127.0.0.1';
const freePort = () => new Promise((resolve, reject) => {
  const probe = net.createServer();
  probe.once('error', reject);
  probe.listen(0, host, () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
});
// Both servers call app.listen(port): bind them to loopback only.
const onLoopback = (app) => {
  const listen = app.listen.bind(app);
  app.listen = (port) => listen(port, host);
};

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policefeeds-pds-'));
let plcServer;
let pds;
let stopping = false;
const stop = async (code) => {
  if (stopping) return;
  stopping = true;
  try {
    await pds?.destroy();
    await plcServer?.destroy();
  } catch (err) {
    console.error('stop:', err);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(code);
  }
};
process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));
process.stdin.on('end', () => stop(0));
process.stdin.resume();

try {
  plcServer = plc.PlcServer.create({ db: plc.Database.mock(), port: await freePort() });
  onLoopback(plcServer.app);
  const plcListener = await plcServer.start();
  const plcUrl = `http://${host}:${plcListener.address().port}`;

  const port = await freePort();
  const adminPassword = crypto.randomBytes(16).toString('hex');
  Object.assign(process.env, {
    PDS_PORT: String(port),
    PDS_HOSTNAME: 'localhost',
    PDS_DEV_MODE: 'true',
    PDS_INVITE_REQUIRED: 'false',
    PDS_RATE_LIMITS_ENABLED: 'false',
    PDS_SERVICE_HANDLE_DOMAINS: '.test',
    PDS_DATA_DIRECTORY: dataDir,
    PDS_BLOBSTORE_DISK_LOCATION: path.join(dataDir, 'blobs'),
    PDS_DID_PLC_URL: plcUrl,
    PDS_JWT_SECRET: crypto.randomBytes(32).toString('hex'),
    PDS_ADMIN_PASSWORD: adminPassword,
    PDS_PLC_ROTATION_KEY_K256_PRIVATE_KEY_HEX: crypto.randomBytes(32).toString('hex'),
    PDS_CRAWLERS: '',
    LOG_ENABLED: 'false',
  });
  const env = readEnv();
  pds = await PDS.create(envToCfg(env), envToSecrets(env));
  onLoopback(pds.app);
  await pds.start();
  const url = `http://${host}:${port}`;
  // Listening is not always answering yet on a loaded machine (a connection reset was seen once): ask a few times.
  for (let attempt = 1; ; attempt++) {
    try {
      const health = await fetch(`${url}/xrpc/_health`);
      if (health.ok) break;
      throw new Error(`health check answered ${health.status}`);
    } catch (err) {
      if (attempt >= 20) throw err;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  console.log(`PDS ready ${JSON.stringify({ url, adminPassword, plcUrl })}`);
} catch (err) {
  console.error('PDS failed to start:', err);
  await stop(1);
}
