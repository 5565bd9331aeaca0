// npm run demo, after scripts/demo.mjs installed what was missing: seeds sample images, packages
// the extension, starts code-server with it installed and the stack's clouds.yaml, prints the URL
// and keeps everything up until Ctrl-C.
import * as path from 'node:path';
import { startCodeServer } from '../../test/vscode/codeServer';
import { stackCloudsFile } from '../../test/vscode/stackEnv';
import { seedDemo } from './seed';

async function main(): Promise<void> {
  const made = await seedDemo();
  console.log(made > 0 ? `Created ${made} sample images.` : 'Sample images are already there.');
  const vsix = process.env.GS_DEMO_VSIX;
  if (!vsix) throw new Error('GS_DEMO_VSIX is not set: run the demo with "npm run demo".');
  const port = process.env.DEMO_PORT ? Number(process.env.DEMO_PORT) : undefined;
  const server = await startCodeServer({ vsix, port, env: { OS_CLIENT_CONFIG_FILE: stackCloudsFile() } });
  console.log(`
  glance-share demo is running.

    Open:   ${server.origin}/?folder=${encodeURIComponent(server.workspaceDir)}
            then click "OpenStack Images" in the activity bar.
    Clouds: ${stackCloudsFile()}
            alice (producer), bob (consumer), carol-producer / carol-consumer (both), dave, admin …
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
