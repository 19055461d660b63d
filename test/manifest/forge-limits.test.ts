import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { CONSUMER_TIMEOUT_SECONDS, DEFAULT_FUNCTION_TIMEOUT_SECONDS } from '../../src/platform/forge-limits';

interface Manifest {
  modules: {
    consumer: { queue: string; function: string }[];
    function: { key: string; timeoutSeconds?: number }[];
  };
}

const manifest = parse(readFileSync(join(resolve(__dirname, '../..'), 'manifest.yml'), 'utf8')) as Manifest;

describe('the deadlines the local queue enforces', () => {
  it("are each consumer function's timeoutSeconds in manifest.yml", () => {
    const fromManifest = Object.fromEntries(
      manifest.modules.consumer.map((consumer) => {
        const fn = manifest.modules.function.find((candidate) => candidate.key === consumer.function);
        return [consumer.queue, fn?.timeoutSeconds ?? DEFAULT_FUNCTION_TIMEOUT_SECONDS];
      }),
    );
    expect(CONSUMER_TIMEOUT_SECONDS).toEqual(fromManifest);
  });
});
