import { createForgePlatform, forgeTriggerUrl } from '../platform/forge/forge-platform';
import { handleScimRequest } from '../scim-service/scim-endpoint';
import { webTriggerRequest } from '../../test/kit/webtrigger-request';
import { scimTrigger } from './scim-trigger';
import type { WebTriggerResponse } from '../platform/webtrigger';

jest.mock('../platform/forge/forge-platform', () => ({
  createForgePlatform: jest.fn(() => ({ marker: 'forge-platform' })),
  forgeTriggerUrl: jest.fn(),
}));
jest.mock('../scim-service/scim-endpoint', () => ({ handleScimRequest: jest.fn() }));

const handler = handleScimRequest as jest.Mock;
const request = webTriggerRequest({ path: '/c1/scim/v2/Users', token: 't', asForge: true });

function expectWellFormed(response: WebTriggerResponse) {
  expect(Number.isInteger(response.statusCode)).toBe(true);
  for (const values of Object.values(response.headers ?? {})) {
    expect(Array.isArray(values) && values.every((value) => typeof value === 'string')).toBe(true);
  }
}

function scimError(response: WebTriggerResponse) {
  expect(response.headers?.['Content-Type']?.[0]).toMatch(/^application\/scim\+json/);
  return JSON.parse(response.body ?? '');
}

beforeEach(() => handler.mockReset());

describe('scimTrigger', () => {
  it('hands the request to the SCIM endpoint with the Forge platform and trigger URL', async () => {
    const answer = { statusCode: 200, headers: { 'Content-Type': ['application/scim+json'] }, body: '{}' };
    handler.mockResolvedValue(answer);
    expect(await scimTrigger(request)).toEqual(answer);
    expect(createForgePlatform).toHaveBeenCalled();
    expect(handler).toHaveBeenCalledWith({ platform: { marker: 'forge-platform' }, triggerUrl: forgeTriggerUrl }, request);
  });

  it('answers a path outside SCIM with a SCIM 404', async () => {
    handler.mockResolvedValue(undefined);
    const response = await scimTrigger(request);
    expect(response.statusCode).toBe(404);
    expectWellFormed(response);
    expect(scimError(response)).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '404',
      detail: expect.stringContaining('/scim/v2'),
    });
  });

  it('answers a SCIM 500 when the handler throws, without logging the message', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    handler.mockRejectedValue(new TypeError('user alice@example.com broke it'));
    const response = await scimTrigger(request);
    expect(response.statusCode).toBe(500);
    expectWellFormed(response);
    expect(scimError(response).status).toBe('500');
    expect(log.mock.calls.join('\n')).toContain('TypeError');
    expect(log.mock.calls.join('\n')).not.toContain('alice');
    log.mockRestore();
  });

  it('turns header values into string arrays and refuses an unusable status or body', async () => {
    handler.mockResolvedValue({ statusCode: 201, headers: { ETag: 'W/"1"', 'X-Count': [3], Gone: undefined }, body: '{}' });
    const fixed = await scimTrigger(request);
    expect(fixed).toEqual({ statusCode: 201, headers: { ETag: ['W/"1"'], 'X-Count': ['3'] }, body: '{}' });

    for (const broken of [{ statusCode: '200' }, { statusCode: 99 }, { statusCode: 200, body: { not: 'a string' } }]) {
      handler.mockResolvedValue(broken);
      const response = await scimTrigger(request);
      expect(response.statusCode).toBe(500);
      expectWellFormed(response);
    }
  });
});
