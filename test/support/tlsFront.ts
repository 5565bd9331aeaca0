// A self-signed CA made with the openssl CLI, and TLS fronts for the stack's plain-HTTP services:
// what the TLS and proxy suites put between the client and the real Keystone and Glance.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

/** A CA, a certificate for 127.0.0.1 and 127.0.0.2 and a client certificate signed by it, made with the openssl CLI. */
export function makeCertificates(dir: string): { ca: string; key: string; cert: string; clientCert: string; clientKey: string; clientBundle: string } {
  const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=glance-share test CA']);
  run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1']);
  fs.writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,IP:127.0.0.2\nbasicConstraints=CA:FALSE\n');
  run(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'san.ext']);
  run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'client.key', '-out', 'client.csr', '-subj', '/CN=glance-share client']);
  run(['x509', '-req', '-in', 'client.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'client.pem', '-days', '2']);
  // requests' form of a cert without key: one PEM holding both.
  fs.writeFileSync(path.join(dir, 'client-bundle.pem'), fs.readFileSync(path.join(dir, 'client.pem'), 'utf8') + fs.readFileSync(path.join(dir, 'client.key'), 'utf8'));
  return {
    ca: path.join(dir, 'ca.pem'),
    key: path.join(dir, 'server.key'),
    cert: path.join(dir, 'server.pem'),
    clientCert: path.join(dir, 'client.pem'),
    clientKey: path.join(dir, 'client.key'),
    clientBundle: path.join(dir, 'client-bundle.pem'),
  };
}

/** TLS in front of one of the stack's HTTP services: a plain forwarding server on a loopback address (127.0.0.1 unless said). */
export async function tlsFront(target: string, key: string, cert: string, clientCa?: string, host = '127.0.0.1'): Promise<{ url: string; close: () => Promise<void> }> {
  const upstream = new URL(target);
  const clientAuth = clientCa ? { requestCert: true, rejectUnauthorized: true, ca: fs.readFileSync(clientCa) } : {};
  const server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert), ...clientAuth }, (req, res) => {
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
