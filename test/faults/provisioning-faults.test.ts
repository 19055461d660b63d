import { PROVISIONING_QUEUE } from '../../src/provisioning/jobs';
import { handleProvisioningJob } from '../../src/provisioning/worker-handler';
import { patchOps } from '../kit/scim-client';
import { provisioningBed, type ProvisioningBed } from '../kit/provisioning-bed';

// The worker between the directory and the Atlassian site: redelivered and duplicated jobs apply each change once
// in effect, and Atlassian's 429s, 5xx and timeouts are retried through the queue until the change is applied.

async function scenario(h: ProvisioningBed): Promise<void> {
  const ada = await h.createUser('ada@example.com');
  const bob = await h.createUser('bob@example.com');
  const group = await h.createGroup('Engineering', [ada]);
  await h.scim.patch(`/Groups/${group}`, patchOps({ op: 'add', path: 'members', value: [{ value: bob }] }));
}

function siteState(h: ProvisioningBed) {
  const snapshot = h.snapshot();
  return {
    accounts: snapshot.users
      .filter((user) => ['ada@example.com', 'bob@example.com'].includes(user.email))
      .map((user) => `${user.email}:${user.active && !user.suspended}`)
      .sort(),
    groups: snapshot.groups.filter((group) => group.name === 'Engineering').length,
    members: h.memberEmails('Engineering'),
  };
}

const EXPECTED = { accounts: ['ada@example.com:true', 'bob@example.com:true'], groups: 1, members: ['ada@example.com', 'bob@example.com'] };

describe('queue redelivery and duplicate jobs', () => {
  it('applies every job pushed twice once in effect', async () => {
    const h = await provisioningBed({ linkDomains: ['example.com'] });
    await scenario(h);
    const jobs = h.platform.queue.pushed.filter((push) => push.queueName === PROVISIONING_QUEUE);
    await h.platform.queue.push(
      PROVISIONING_QUEUE,
      jobs.map((push) => push.event),
    );
    await h.runJobs();
    expect(siteState(h)).toEqual(EXPECTED);
    const emails = h.snapshot().users.map((user) => user.email);
    expect(emails).toHaveLength(new Set(emails).size);
  });

  it('makes no Atlassian call when a finished job is delivered again', async () => {
    const h = await provisioningBed({ linkDomains: ['example.com'] });
    await scenario(h);
    await h.runJobs();
    const calls = h.atlassianCalls();
    const jobs = h.platform.queue.pushed.filter((push) => push.queueName === PROVISIONING_QUEUE);
    for (const [i, { event }] of jobs.entries()) {
      expect(
        await handleProvisioningJob(h.platform, {
          queueName: PROVISIONING_QUEUE,
          eventId: `again-${i}`,
          body: event.body as Record<string, unknown>,
          retryCount: 1,
        }),
      ).toBeUndefined();
    }
    expect(h.atlassianCalls()).toBe(calls);
    expect(siteState(h)).toEqual(EXPECTED);
  });
});

describe.each([429, 500, 503, 'timeout'] as const)('Atlassian answering %s', (status) => {
  it('is retried through the queue and ends applied, with nothing left pending', async () => {
    const h = await provisioningBed({ linkDomains: ['example.com'] });
    h.sandbox.injectFault({ status, times: 4 });
    await scenario(h);
    const answers = await h.runJobs();
    expect(answers.filter((answer) => answer !== undefined).length).toBeGreaterThan(0);
    expect(h.sandbox.stats().faulted).toBe(4);
    expect(siteState(h)).toEqual(EXPECTED);
  });
});

describe('a failure the worker cannot retry by itself', () => {
  it('is in the activity log with retryable=true', async () => {
    const h = await provisioningBed({ linkDomains: ['example.com'] });
    h.sandbox.injectFault({ status: 400, times: 1, method: 'POST' });
    await h.createUser('ada@example.com');
    await h.runJobs();
    const failed = (await h.activity()).filter((entry) => entry.result === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((entry) => entry.retryable === true)).toBe(true);
  });
});
