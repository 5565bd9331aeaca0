// npm run demo, after scripts/demo.mjs installed what was missing: seeds sample images, starts
// code-server with the packaged extension and the clouds a newcomer needs (a producer, a consumer,
// one person in both; not the test suites' admin, short-token and application-credential clouds),
// opens on the Welcome page, which offers the walkthrough, prints the URL and keeps everything up
// until Ctrl-C.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { startCodeServer } from '../../test/vscode/codeServer';
import { stackCloudsFile } from '../../test/vscode/stackEnv';
import { seedDemo } from './seed';

/** The demo's clouds, as the stack's clouds.yaml names them: alice (producer), bob (consumer), carol in both. */
export const DEMO_CLOUDS = ['alice', 'bob', 'carol-producer', 'carol-consumer'] as const;

/** Writes demo-clouds.yaml next to the stack's clouds.yaml, with the demo's clouds only. */
function writeDemoClouds(): string {
  const stack = parse(fs.readFileSync(stackCloudsFile(), 'utf8')) as { clouds: Record<string, unknown> };
  const clouds = Object.fromEntries(DEMO_CLOUDS.map((name) => [name, stack.clouds[name]]));
  const file = path.join(path.dirname(stackCloudsFile()), 'demo-clouds.yaml');
  fs.writeFileSync(file, stringify({ clouds }), { mode: 0o600 });
  return file;
}

async function main(): Promise<void> {
  const made = await seedDemo();
  console.log(made > 0 ? `Created ${made} sample images.` : 'Sample images are already there.');
  const vsix = process.env.GS_DEMO_VSIX;
  if (!vsix) throw new Error('GS_DEMO_VSIX is not set: run the demo with "npm run demo".');
  const port = process.env.DEMO_PORT ? Number(process.env.DEMO_PORT) : undefined;
  const cloudsFile = writeDemoClouds();
  const server = await startCodeServer({ vsix, port, env: { OS_CLIENT_CONFIG_FILE: cloudsFile }, settings: { 'workbench.startupEditor': 'welcomePage' } });
  console.log(`
  glance-share demo is running.

    Open:   ${server.origin}/?folder=${encodeURIComponent(server.workspaceDir)}
            The Welcome page offers the walkthrough "Get Started with glance-share"
            (or run "Glance: Get Started"); "OpenStack Images" in the activity bar has the clouds.
    Clouds: ${cloudsFile}
            alice   project producer: owns shared, private and community images
            bob     project consumer: shares from alice and dave wait for him under Shared with me › Pending
            carol   in both projects: carol-producer and carol-consumer
    Log:    ${path.relative(process.cwd(), server.logFile)}

  Press Ctrl-C to stop.`);
  // A pending signal listener does not keep Node alive; the timer does.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  clearInterval(keepAlive);
  console.log('\nStopping code-server…');
  await server.stop();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
