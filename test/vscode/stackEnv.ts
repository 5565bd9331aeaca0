// Where the local Keystone + Glance (test/stack/up.sh) writes its clouds.yaml, honouring
// STACK_DIR like the stack scripts do, so code-server's extension host sees the same clouds.
import * as path from 'node:path';
import { repoRoot } from './codeServer';

export function stackCloudsFile(): string {
  const stackDir = process.env.STACK_DIR ? path.resolve(repoRoot, process.env.STACK_DIR) : path.join(repoRoot, '.stack');
  return path.join(stackDir, 'clouds.yaml');
}
