/**
 * Shared by the bench targets: the bench query, the ThingsCloud simulator's wire shapes (only
 * the fields the query needs), and a helper that starts a target as its own process and reads
 * the URL it prints.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** "100 alarms, each with its device, the device's type and its groups". */
export const BENCH_QUERY = '{ alarms(first: 100) { nodes { id device { name online type { name } groups { name } } } } }';

export interface Envelope<T> {
  result: boolean;
  info: T;
  errcode?: number;
  message?: string;
}

export interface WireAlarmLog {
  id: string;
  device_id: string;
}

export interface WireDevice {
  id: string;
  name: string;
  online: boolean;
  type: string;
  type_info?: { id: string; name: string } | null;
  groups: string[];
}

export interface WireGroupNode {
  id: string;
  name: string;
  children?: WireGroupNode[] | null;
}

export interface WireDeviceType {
  id: string;
  name: string;
}

export interface BenchDevice {
  name: string;
  online: boolean;
  type: { name: string } | null;
  groups: { name: string }[];
}

/** Group ID → name, over the whole tree. */
export function groupNames(roots: WireGroupNode[]): Map<string, string> {
  const names = new Map<string, string>();
  const stack = [...roots];
  for (let node = stack.pop(); node; node = stack.pop()) {
    names.set(node.id, node.name);
    stack.push(...(node.children ?? []));
  }
  return names;
}

/** The gateway's global ID for an alarm (base64url of `DeviceAlarm:THINGSCLOUD:<id>`). */
export function alarmGlobalId(nativeId: string): string {
  return Buffer.from(`DeviceAlarm:THINGSCLOUD:${nativeId}`, 'utf8').toString('base64url');
}

export interface ThingsCloudTarget {
  baseUrl: string;
  appId: string;
  accessKey: string;
  secretKey: string;
}

export interface RunningChild {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `script` (a .ts file in bench/) with `node [nodeArgs] --import tsx`, passing `arg` as JSON
 * in argv[2], and waits (at most `timeoutMs`) for it to print `LISTENING <url>`.
 */
export async function startChild(script: string, arg: unknown, { timeoutMs = 20_000, nodeArgs = [] }: { timeoutMs?: number; nodeArgs?: string[] } = {}): Promise<RunningChild> {
  const file = fileURLToPath(new URL(script, import.meta.url));
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', file, JSON.stringify(arg)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not start within ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /^LISTENING (\S+)$/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code}) before listening: ${stderr}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Only loopback targets. */
export function assertLoopback(url: string): void {
  if (!/^http:\/\/127\.0\.0\.1:\d+(\/|$)/.test(url)) throw new Error(`bench only talks to 127.0.0.1, not ${url}`);
}
