// A throwaway CA and a localhost certificate, made at run time and kept out of git (e2e/.certs/).
// msal-browser refuses an http authority, so the OpenID provider needs https even on localhost.
import { execFileSync } from 'node:child_process';
import { X509Certificate, createPrivateKey, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const VALID_DAYS = 30;
const MIN_REMAINING_MS = 24 * 60 * 60 * 1000;

// Name constraints: even if someone imports this CA into a trust store, it can only vouch for
// loopback names. pathlen:0 stops it from minting sub-CAs.
const CA_CONFIG = `[req]
distinguished_name = dn
prompt = no
x509_extensions = v3_ca
[dn]
CN = ngx-msal-http e2e local CA
[v3_ca]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
nameConstraints = critical, permitted;DNS:localhost, permitted;IP:127.0.0.0/255.0.0.0, permitted;IP:::1/ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff
`;

const SERVER_EXTENSIONS = `basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1, IP:::1
authorityKeyIdentifier = keyid
subjectKeyIdentifier = hash
`;

/**
 * Returns the paths of a local CA certificate and of a server certificate and key for
 * `localhost` / 127.0.0.1 / ::1 signed by it, creating them under `dir` with `openssl` unless a
 * valid set (at least one more day to live) is already there. The CA's private key is deleted
 * right after signing: nothing else can ever be signed by a CA someone may have trusted.
 *
 * @example
 * const { caCertPath, certPath, keyPath } = makeCertificates('e2e/.certs');
 * https.createServer({ cert: readFileSync(certPath), key: readFileSync(keyPath) }, handler);
 */
export function makeCertificates(dir) {
  const root = resolve(dir);
  const current = join(root, 'localhost');
  if (isValidSet(current)) return pathsIn(current);

  mkdirSync(root, { recursive: true, mode: 0o700 });
  const staging = join(root, `.staging-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    generate(staging);
    // Publish the whole set with one rename, so a concurrent run never sees a CA from one set and
    // a server certificate from another. If another run won the race with a valid set, use theirs.
    for (let attempt = 0; attempt < 3; attempt++) {
      if (isValidSet(current)) return pathsIn(current);
      rmSync(current, { recursive: true, force: true });
      try {
        renameSync(staging, current);
        return pathsIn(current);
      } catch (error) {
        if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
      }
    }
    throw new Error(`could not publish certificates in ${current}; remove the folder and retry`);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function generate(out) {
  mkdirSync(out, { mode: 0o700 });
  const file = (name) => join(out, name);
  writeFileSync(file('ca.cnf'), CA_CONFIG);
  writeFileSync(file('server.ext'), SERVER_EXTENSIONS);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...ec, '-keyout', file('ca.key'), '-out', file('ca.crt'), '-days', String(VALID_DAYS), '-config', file('ca.cnf'));
  openssl('req', ...ec, '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', '/CN=localhost');
  openssl(
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.crt'),
    '-CAkey',
    file('ca.key'),
    '-set_serial',
    `0x${randomBytes(16).toString('hex')}`,
    '-days',
    String(VALID_DAYS),
    '-extfile',
    file('server.ext'),
    '-out',
    file('server.crt'),
  );
  for (const name of ['ca.key', 'ca.cnf', 'server.csr', 'server.ext']) rmSync(file(name));
}

function openssl(...args) {
  try {
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 });
  } catch (error) {
    const detail =
      error.code === 'ENOENT' ? 'openssl is not installed (Debian: apt-get install openssl)' : String(error.stderr ?? error.message).trim();
    throw new Error(`openssl ${args[0]} failed: ${detail}`);
  }
}

function pathsIn(folder) {
  return { caCertPath: join(folder, 'ca.crt'), certPath: join(folder, 'server.crt'), keyPath: join(folder, 'server.key') };
}

function isValidSet(folder) {
  const { caCertPath, certPath, keyPath } = pathsIn(folder);
  if (![caCertPath, certPath, keyPath].every((path) => existsSync(path))) return false;
  try {
    const ca = new X509Certificate(readFileSync(caCertPath));
    const server = new X509Certificate(readFileSync(certPath));
    const key = createPrivateKey(readFileSync(keyPath));
    const lastsLongEnough = (cert) => Date.parse(cert.validTo) - Date.now() > MIN_REMAINING_MS && Date.parse(cert.validFrom) <= Date.now();
    return (
      ca.ca &&
      lastsLongEnough(ca) &&
      lastsLongEnough(server) &&
      server.checkIssued(ca) &&
      server.verify(ca.publicKey) &&
      server.checkPrivateKey(key) &&
      server.checkHost('localhost') !== undefined &&
      server.checkIP('127.0.0.1') !== undefined
    );
  } catch {
    return false;
  }
}
