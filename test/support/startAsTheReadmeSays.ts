import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface StartedByNpm {
  child: ChildProcess;
  /** The GraphQL URL the start-up banner printed. */
  url: string;
  /** Everything the process printed so far (stdout and stderr). */
  output: () => string;
}

/**
 * Starts the gateway exactly as the README says (`npm start`), on a free port, and waits for its URL.
 * The process gets its own process group: stop it with `stopProcessGroup`, which reaches anything it left behind.
 */
export async function startAsTheReadmeSays(env: Record<string, string>): Promise<StartedByNpm> {
  const child = spawn('npm', ['start'], { cwd: ROOT, env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const started = Date.now();
  for (;;) {
    const url = /http:\/\/127\.0\.0\.1:\d+\/graphql/.exec(output)?.[0];
    if (url && output.includes('Try it')) return { child, url, output: () => output };
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    if (Date.now() - started > 45_000) throw new Error(`npm start printed no URL in 45 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Kills the process group `npm start` made (npm, node and anything they started). */
export function stopProcessGroup(child: ChildProcess | undefined): void {
  try {
    if (child?.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // The group is gone: everything exited.
  }
  child?.stdout?.destroy();
  child?.stderr?.destroy();
}
