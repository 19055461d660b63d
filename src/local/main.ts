import { startLocalRuntime } from './runtime';

// `npm start`: the product on its embedded defaults. Prints plain lines that scripts and people can read.
async function main(): Promise<void> {
  const runtime = await startLocalRuntime({
    host: process.env.HOST || '127.0.0.1',
    port: Number(process.env.PORT || 8080),
    dataDir: process.env.DATA_DIR || './.data',
    presetToken: process.env.SCIM_BEARER_TOKEN || undefined,
  });
  const weak = weakTokenWarning(process.env.SCIM_BEARER_TOKEN);
  if (weak) process.stdout.write(`Warning: ${weak}\n`);
  process.stdout.write(`SCIM base URL: ${runtime.scimBaseUrl}\n`);
  process.stdout.write(runtime.token ? `SCIM token: ${runtime.token}\n` : 'SCIM token: (unchanged; set SCIM_BEARER_TOKEN to replace it)\n');
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

const MIN_TOKEN_LENGTH = 32;

/** A preset token is the only secret between the world and the directory: a short one is used, but not silently. */
function weakTokenWarning(token: string | undefined): string | undefined {
  if (!token || token.length >= MIN_TOKEN_LENGTH) return undefined;
  return `SCIM_BEARER_TOKEN has ${token.length} characters: anyone who guesses it can provision users. Use at least ${MIN_TOKEN_LENGTH} random characters (e.g. openssl rand -base64 32).`;
}

main().catch((error: unknown) => {
  process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
