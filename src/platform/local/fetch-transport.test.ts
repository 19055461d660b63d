import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpNetworkError, HttpTimeoutError } from '../http-errors';
import { createLocalFetchTransport } from './fetch-transport';

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
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      res.writeHead(201, { 'Content-Type': 'application/json', 'X-RateLimit-Remaining': '9' });
      res.end(JSON.stringify({ method: req.method, body, auth: req.headers.authorization }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('createLocalFetchTransport', () => {
  it('sends method, headers and body and returns status, lower-cased headers and body', async () => {
    const response = await createLocalFetchTransport().send({
      method: 'POST',
      url: `${base}/echo`,
      headers: { Authorization: 'Bearer t' },
      body: '{"a":1}',
    });
    expect(response.status).toBe(201);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['x-ratelimit-remaining']).toBe('9');
    expect(JSON.parse(response.body)).toEqual({ method: 'POST', body: '{"a":1}', auth: 'Bearer t' });
  });

  it('turns a request that outlives its timeout into HttpTimeoutError, the body included', async () => {
    const transport = createLocalFetchTransport(5000);
    const started = Date.now();
    await expect(transport.send({ method: 'GET', url: `${base}/slow`, timeoutMs: 100 })).rejects.toBeInstanceOf(HttpTimeoutError);
    await expect(transport.send({ method: 'GET', url: `${base}/slow-body`, timeoutMs: 100 })).rejects.toMatchObject({
      name: 'HttpTimeoutError',
      timeoutMs: 100,
      host: new URL(base).host,
    });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('turns a refused connection into HttpNetworkError', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    await expect(createLocalFetchTransport().send({ method: 'GET', url: `http://127.0.0.1:${port}/` })).rejects.toBeInstanceOf(
      HttpNetworkError,
    );
  });
});
