import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentials, loadPackageDefinition, Metadata, status, type Client, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { describe, expect, it } from 'vitest';
import { generatedProtoPath } from '../../src/grpc/order-proto.js';
import { startGrpcTestServer, TEST_API_KEY } from './grpc-test-server.js';

const ORDER = { created_by: 'U', equipment: ['MOUSE'] };

/** A self-signed certificate for localhost and 127.0.0.1, made with openssl (as scripts/kafka/secure.sh makes the broker's). */
function selfSigned(): { cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'grpc-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  return { cert: readFileSync(join(dir, 'cert.pem'), 'utf8'), key: readFileSync(join(dir, 'key.pem'), 'utf8') };
}

describe('serving gRPC over TLS (GRPC_TLS_CERT_FILE, GRPC_TLS_KEY_FILE)', () => {
  it('accepts an order from a client that trusts the certificate, and refuses a plaintext client', async () => {
    const server = await startGrpcTestServer({ tls: selfSigned() });
    try {
      expect((await server.create(ORDER)).code).toBe(status.OK);
      const Service = (loadPackageDefinition(loadSync(generatedProtoPath(), { keepCase: true })) as unknown as { computer_orders: { v1: { ComputerOrderService: new (a: string, c: ReturnType<typeof credentials.createInsecure>) => Client & Record<string, (...args: unknown[]) => void> } } }).computer_orders.v1.ComputerOrderService;
      const plaintext = new Service(server.address, credentials.createInsecure());
      const metadata = new Metadata();
      metadata.set('x-api-key', TEST_API_KEY);
      const code = await new Promise<number>((resolve) => plaintext.CreateComputerOrder!(ORDER, metadata, { deadline: Date.now() + 3000 }, (err: ServiceError | null) => resolve(err ? err.code : 0)));
      plaintext.close();
      expect(code).toBe(status.UNAVAILABLE);
      expect(server.publisher.published).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});

describe('shutting down (SIGTERM: service.stop)', () => {
  it('finishes the calls under way, their orders published, and takes no new ones', async () => {
    const server = await startGrpcTestServer();
    const release: Array<() => void> = [];
    const publish = server.publisher.publish;
    server.publisher.publish = (event, metadata) => new Promise<void>((resolve) => release.push(resolve)).then(() => publish(event, metadata));
    const underWay = server.create({ id: 'draining-1', ...ORDER });
    await expect.poll(() => release.length).toBe(1);
    const stopped = new Promise<void>((resolve) => server.built.server.tryShutdown(() => resolve()));
    let done = false;
    void stopped.then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(done).toBe(false);
    release[0]!();
    expect(await underWay).toMatchObject({ code: status.OK, response: { order_id: 'draining-1' } });
    await stopped;
    expect(server.publisher.published).toHaveLength(1);
    expect((await server.create(ORDER)).code).toBe(status.UNAVAILABLE);
    await server.close();
  });
});
