import { asUser, NeedsAuthenticationError } from '@forge/api';
import { createForgeAdminCheck } from './admin-check';

const requestJira = jest.fn();
const requestConfluence = jest.fn();

jest.mock('@forge/api', () => {
  const actual = jest.requireActual('@forge/api');
  return { ...actual, asUser: jest.fn(() => ({ requestJira, requestConfluence })) };
});

const answer = (status: number, body: unknown) => ({ ok: status < 300, status, json: async () => body });
const administer = (havePermission: boolean) => answer(200, { permissions: { ADMINISTER: { id: '0', key: 'ADMINISTER', havePermission } } });

describe('createForgeAdminCheck', () => {
  beforeEach(() => {
    requestJira.mockReset();
    requestConfluence.mockReset();
  });

  it('asks Jira as the caller for the ADMINISTER permission, once per check', async () => {
    requestJira.mockResolvedValue(administer(true));
    const check = createForgeAdminCheck();
    await expect(check()).resolves.toBe(true);
    await expect(check()).resolves.toBe(true);
    expect(asUser).toHaveBeenCalled();
    expect(requestJira).toHaveBeenCalledTimes(1);
    expect(requestJira.mock.calls[0][0].value).toBe('/rest/api/3/mypermissions?permissions=ADMINISTER');
  });

  it.each([
    ['the permission is missing', administer(false)],
    ['Jira refuses', answer(403, { errorMessages: ['no'] })],
    ['the answer has another shape', answer(200, { permissions: {} })],
  ])('answers false when %s', async (_case, response) => {
    requestJira.mockResolvedValue(response);
    await expect(createForgeAdminCheck()()).resolves.toBe(false);
  });

  it('answers false when the request fails, but lets Forge ask for consent', async () => {
    requestJira.mockRejectedValueOnce(new Error('network'));
    await expect(createForgeAdminCheck()()).resolves.toBe(false);
    requestJira.mockRejectedValueOnce(new NeedsAuthenticationError('consent needed', 'jira'));
    await expect(createForgeAdminCheck()()).rejects.toBeInstanceOf(NeedsAuthenticationError);
  });

  it('on the Confluence page asks Confluence, as the caller, for its own administer operation, never Jira', async () => {
    const operations = (...ops: [string, string][]) =>
      answer(200, { accountId: 'a', operations: ops.map(([operation, targetType]) => ({ operation, targetType })) });
    requestConfluence.mockResolvedValueOnce(operations(['use', 'application'], ['administer', 'application']));
    await expect(createForgeAdminCheck('confluence')()).resolves.toBe(true);
    expect(requestConfluence.mock.calls[0][0].value).toBe('/wiki/rest/api/user/current?expand=operations');
    requestConfluence.mockResolvedValueOnce(operations(['use', 'application'], ['create', 'space'], ['administer', 'space']));
    await expect(createForgeAdminCheck('confluence')()).resolves.toBe(false);
    requestConfluence.mockResolvedValueOnce(answer(401, {}));
    await expect(createForgeAdminCheck('confluence')()).resolves.toBe(false);
    expect(requestJira).not.toHaveBeenCalled();
  });
});
