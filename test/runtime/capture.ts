/** A run through a `Runner` with its stdout and stderr collected, for runtime tests. */
import type { RunRequest, RunResult, Runner } from '../../src/runtime/runner';

export type CapturedRun = RunResult & { stdout: string; stderr: string };

export async function runCapturing(runner: Runner, request: RunRequest): Promise<CapturedRun> {
  let stdout = '';
  let stderr = '';
  const result = await runner.run(request, {
    onStdout: (s) => (stdout += s),
    onStderr: (s) => (stderr += s),
  });
  return { ...result, stdout, stderr };
}
