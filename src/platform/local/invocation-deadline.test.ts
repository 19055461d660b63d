import { FakeClock } from '../../../test/kit/fake-clock';
import { RESOLVER_TIMEOUT_SECONDS, WEB_TRIGGER_TIMEOUT_SECONDS } from '../forge-limits';
import { InvocationTimeoutError, underDeadline } from './invocation-deadline';

describe('underDeadline', () => {
  it.each([
    ['a resolver', RESOLVER_TIMEOUT_SECONDS],
    ['the web trigger', WEB_TRIGGER_TIMEOUT_SECONDS],
  ])('lets %s take up to its %i s and fails it once it takes longer', async (what, seconds) => {
    const clock = new FakeClock();
    const run = (ms: number) => {
      const result = underDeadline(clock, seconds, what, async () => {
        await clock.sleep(ms);
        return 'answer';
      });
      void clock.advance(ms);
      return result;
    };
    await expect(run(seconds * 1000)).resolves.toBe('answer');
    await expect(run(seconds * 1000 + 1)).rejects.toThrow(InvocationTimeoutError);
    await expect(run(seconds * 1000 + 1000)).rejects.toThrow(`${what} ran ${seconds + 1} s, past Forge's ${seconds} s limit.`);
  });
});
