import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postWebhook } from '../../src/notify/webhook.js';
import { blockedAddressReason } from '../../src/notify/webhook-target.js';

/** A listener on 127.0.0.1 that records what reaches it and answers as told. */
async function listener(answer: (res: http.ServerResponse) => void) {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => answer(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  return { hits, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('webhook targets cannot reach inside (SSRF)', () => {
  let inside: Awaited<ReturnType<typeof listener>>;
  let redirector: Awaited<ReturnType<typeof listener>>;
  beforeAll(async () => {
    inside = await listener((res) => res.writeHead(200).end('ok'));
    redirector = await listener((res) =>
      res.writeHead(302, { location: `http://127.0.0.1:${inside.port}/redirected` }).end(),
    );
  });
  afterAll(async () => {
    await inside.close();
    await redirector.close();
  });

  const post = (url: string, targets: 'public' | 'http' | 'local') =>
    postWebhook({
      url,
      secret: 's',
      eventId: 'ntf_1',
      body: '{}',
      now: new Date(),
      targets,
      timeoutMs: 2_000,
    });

  it('refuses loopback, link-local, private, unique-local, multicast and metadata addresses', () => {
    for (const ip of [
      '127.0.0.1',
      '127.9.9.9',
      '0.0.0.0',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '224.0.0.1',
      '255.255.255.255',
      '::',
      '::1',
      'fe80::1',
      'fc00::1',
      'fd12:3456::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:169.254.169.254',
      '::ffff:7f00:1', // ::ffff:127.0.0.1 as URLs write it
      '::ffff:a9fe:a9fe', // ::ffff:169.254.169.254
      'fd00:ec2::254',
    ]) {
      expect(blockedAddressReason(ip), ip).not.toBeNull();
    }
    for (const ip of [
      '8.8.8.8',
      '93.184.216.34',
      '172.32.0.1',
      '2606:4700:4700::1111',
      '::ffff:8.8.8.8',
      '::ffff:808:808',
    ]) {
      expect(blockedAddressReason(ip), ip).toBeNull();
    }
  });

  it('https only unless the server allows http (dev); an address literal inside is refused before any connection', async () => {
    await expect(post(`http://127.0.0.1:${inside.port}/hook`, 'public')).rejects.toThrow(/https/);
    await expect(post(`http://127.0.0.1:${inside.port}/hook`, 'http')).rejects.toThrow(/loopback/);
    await expect(post('https://169.254.169.254/latest/meta-data', 'public')).rejects.toThrow(/link-local/);
    await expect(post(`http://[::1]:${inside.port}/hook`, 'http')).rejects.toThrow(/loopback/);
    await expect(post(`https://user:pw@example.com/hook`, 'public')).rejects.toThrow(/credentials/);
    expect(inside.hits).toEqual([]);
  });

  it('checks the address a name resolves to, on the connection itself (DNS rebinding)', async () => {
    await expect(post(`http://localhost:${inside.port}/hook`, 'http')).rejects.toThrow(
      /localhost resolves to .* \(loopback\)/,
    );
    expect(inside.hits).toEqual([]);
  });

  it('delivers to a local receiver only when targets are local, and never follows a redirect', async () => {
    await post(`http://localhost:${inside.port}/hook`, 'local');
    expect(inside.hits).toEqual(['POST /hook']);
    await expect(post(`http://127.0.0.1:${redirector.port}/hook`, 'local')).rejects.toThrow(/answered 302/);
    expect(redirector.hits).toEqual(['POST /hook']);
    expect(inside.hits).toEqual(['POST /hook']);
  });
});
