import { ExternalEndpointNotAllowedError } from '@forge/api';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpNetworkError, HttpTimeoutError } from '../http-errors';
import type { FetchLike } from '../transport-over-fetch';
import { createForgeFetchTransport } from './fetch-transport';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/slow') return void setTimeout(() => res.end('late'), 2000).unref();
    res.writeHead(200, { 'Retry-After': '3' });
    res.end(req.method);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

// Outside Forge, @forge/api's fetch delegates to node's global fetch, so the real package code runs here.
describe('createForgeFetchTransport', () => {
  it('exchanges a request through @forge/api fetch', async () => {
    const response = await createForgeFetchTransport().send({ method: 'PUT', url: `${base}/x` });
    expect(response).toMatchObject({ status: 200, body: 'PUT' });
    expect(response.headers['retry-after']).toBe('3');
  });

  it('times out with HttpTimeoutError', async () => {
    await expect(createForgeFetchTransport(100).send({ method: 'GET', url: `${base}/slow` })).rejects.toBeInstanceOf(HttpTimeoutError);
  });

  it('times out even when the fetch implementation ignores the abort signal', async () => {
    const deaf: FetchLike = () => new Promise(() => undefined);
    await expect(createForgeFetchTransport(50, deaf).send({ method: 'GET', url: `${base}/x` })).rejects.toBeInstanceOf(HttpTimeoutError);
  });

  it('rethrows an egress refusal as it is, and other failures as HttpNetworkError', async () => {
    const refused: FetchLike = async (url) => {
      throw new ExternalEndpointNotAllowedError(url);
    };
    await expect(createForgeFetchTransport(1000, refused).send({ method: 'GET', url: `${base}/x` })).rejects.toBeInstanceOf(
      ExternalEndpointNotAllowedError,
    );
    const broken: FetchLike = async () => {
      throw new Error('socket hang up');
    };
    await expect(createForgeFetchTransport(1000, broken).send({ method: 'GET', url: `${base}/x` })).rejects.toBeInstanceOf(
      HttpNetworkError,
    );
  });
});
