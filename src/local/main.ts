import { startLocalRuntime } from './runtime';

// `npm start`: the product on its embedded defaults. Prints plain lines that scripts and people can read.
async function main(): Promise<void> {
  const runtime = await startLocalRuntime({
    host: process.env.HOST || '127.0.0.1',
    port: Number(process.env.PORT || 8080),
    dataDir: process.env.DATA_DIR || './.data',
    presetToken: process.env.SCIM_BEARER_TOKEN || undefined,
  });
  process.stdout.write(`SCIM base URL: ${runtime.scimBaseUrl}\n`);
  process.stdout.write(
    runtime.token ? `SCIM token: ${runtime.token}\n` : 'SCIM token: (unchanged; set SCIM_BEARER_TOKEN to replace it)\n',
  );
  process.stdout.write(`Admin page: ${runtime.url}/admin\n`);
  process.stdout.write(`Sandbox site: ${runtime.url}/sandbox/users, ${runtime.url}/sandbox/groups, ${runtime.url}/sandbox/projects\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`Stopping (${signal})\n`);
    runtime.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
