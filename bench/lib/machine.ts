import * as fs from 'node:fs';
import * as os from 'node:os';
import type { GitState } from './results';
import { packageVersions } from './stack';

export interface MachineFacts {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly os: string;
  readonly kernel: string;
  readonly node: string;
  readonly packages: Record<string, string>;
  readonly git: { readonly head: string; readonly dirtyFiles: number };
}

/** git: taken once at the start of the run, when the tree was checked (files may change while it runs). */
export function machineFacts(git: GitState): MachineFacts {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const osName = fs.existsSync('/etc/os-release') ? (/^PRETTY_NAME="?([^"\n]+)"?/m.exec(fs.readFileSync('/etc/os-release', 'utf8'))?.[1] ?? 'Linux') : os.type();
  return {
    cpus: os.availableParallelism(),
    cpuModel: model.trim(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: osName,
    kernel: os.release(),
    node: process.version,
    packages: packageVersions(),
    git: { head: git.head, dirtyFiles: git.dirtyFiles.length },
  };
}

/** The 1-minute load average, sampled through the run. */
export class LoadSampler {
  readonly samples: number[] = [os.loadavg()[0]!];
  private readonly timer = setInterval(() => this.samples.push(os.loadavg()[0]!), 15_000);

  constructor() {
    this.timer.unref();
  }

  stop(): { start: number[]; end: number[]; min: number; max: number; median: number } {
    clearInterval(this.timer);
    this.samples.push(os.loadavg()[0]!);
    const sorted = [...this.samples].sort((a, b) => a - b);
    return { start: this.startAvg, end: os.loadavg(), min: sorted[0]!, max: sorted[sorted.length - 1]!, median: sorted[Math.floor(sorted.length / 2)]! };
  }

  private readonly startAvg = os.loadavg();
}
