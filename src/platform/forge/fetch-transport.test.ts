import { ExternalEndpointNotAllowedError } from '@forge/api';
import { HttpNetworkError, HttpTimeoutError } from '../http-errors';
import type { FetchLike } from '../transport-over-fetch';
import { createForgeFetchTransport } from './fetch-transport';

// The shared behaviour is in test/contract/http-transport.test.ts; these are Forge's own failure modes.
const URL = 'https://idcs-example.identity.oraclecloud.com/admin/v1/Users';

describe('createForgeFetchTransport', () => {
  it('times out even when the fetch implementation ignores the abort signal', async () => {
    const deaf: FetchLike = () => new Promise(() => undefined);
    await expect(createForgeFetchTransport(50, deaf).send({ method: 'GET', url: URL })).rejects.toBeInstanceOf(HttpTimeoutError);
  });

  it('rethrows an egress refusal as it is, and other failures as HttpNetworkError', async () => {
    const refused: FetchLike = async (url) => {
      throw new ExternalEndpointNotAllowedError(url);
    };
    await expect(createForgeFetchTransport(1000, refused).send({ method: 'GET', url: URL })).rejects.toBeInstanceOf(ExternalEndpointNotAllowedError);
    const broken: FetchLike = async () => {
      throw new Error('socket hang up');
    };
    await expect(createForgeFetchTransport(1000, broken).send({ method: 'GET', url: URL })).rejects.toBeInstanceOf(HttpNetworkError);
  });
});
