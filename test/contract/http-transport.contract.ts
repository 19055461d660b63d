import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpNetworkError, HttpTimeoutError } from '../../src/platform/http-errors';
import type { HttpTransport } from '../../src/platform/ports';

/** A transport built with the given default timeout. */
export type TransportFactory = (defaultTimeoutMs?: number) => HttpTransport;

/**
 * What every HttpTransport does, against a real loopback server: the request as sent, the answer as received
 * (status, lower-cased headers, body), non-2xx statuses as answers, timeouts and refused connections as the
 * errors the retry policy knows.
 */
export function describeHttpTransportContract(name: string, factory: TransportFactory): void {
  describe(`HttpTransport contract: ${name}`, () => {
    let server: Server;
    let base: string;

    beforeAll(async () => {
      server = createServer((req, res) => {
        if (req.url === '/slow') return void setTimeout(() => res.end('late'), 2000).unref();
        if (req.url === '/slow-body') {
          res.writeHead(200);
          res.write('partial');
          return void setTimeout(() => res.end(), 2000).unref();
        }
        if (req.url === '/throttled') {
          res.writeHead(429, { 'Retry-After': '3', 'Content-Type': 'application/json' });
          return void res.end('{"message":"slow down"}');
        }
        let body = '';
        req.on('data', (chunk) => (body += chunk));
        req.on('end', () => {
          res.writeHead(201, { 'Content-Type': 'application/json', 'X-RateLimit-Remaining': '9' });
          res.end(JSON.stringify({ method: req.method, path: req.url, body, auth: req.headers.authorization }));
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    it('sends method, path, headers and body, and returns status, lower-cased headers and body', async () => {
      const response = await factory().send({ method: 'POST', url: `${base}/echo?q=1`, headers: { Authorization: 'Bearer t' }, body: '{"a":1}' });
      expect(response.status).toBe(201);
      expect(response.headers['content-type']).toBe('application/json');
      expect(response.headers['x-ratelimit-remaining']).toBe('9');
      expect(JSON.parse(response.body)).toEqual({ method: 'POST', path: '/echo?q=1', body: '{"a":1}', auth: 'Bearer t' });
    });

    it('answers an error status as a response, with its Retry-After, not as an exception', async () => {
      const response = await factory().send({ method: 'GET', url: `${base}/throttled` });
      expect(response).toMatchObject({ status: 429, body: '{"message":"slow down"}' });
      expect(response.headers['retry-after']).toBe('3');
    });

    it('turns a request that outlives its timeout into HttpTimeoutError naming the host only, a slow body included', async () => {
      const transport = factory(5000);
      await expect(transport.send({ method: 'GET', url: `${base}/slow`, timeoutMs: 100 })).rejects.toBeInstanceOf(HttpTimeoutError);
      await expect(transport.send({ method: 'GET', url: `${base}/slow-body`, timeoutMs: 100 })).rejects.toMatchObject({
        name: 'HttpTimeoutError',
        timeoutMs: 100,
        host: new URL(base).host,
      });
      await expect(factory(100).send({ method: 'GET', url: `${base}/slow` })).rejects.toBeInstanceOf(HttpTimeoutError);
    });

    it('turns a refused connection into HttpNetworkError', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const { port } = closed.address() as AddressInfo;
      await new Promise((resolve) => closed.close(resolve));
      await expect(factory().send({ method: 'GET', url: `http://127.0.0.1:${port}/` })).rejects.toBeInstanceOf(HttpNetworkError);
    });
  });
}
