/**
 * One `run` message as both run workers handle it (worker.ts under Node, web-worker.ts in a
 * browser): the engine's default graph reset, the program run by the worker's host, the
 * variables it left collected, and the `started`/output/`done` messages posted. No Node
 * built-in here.
 */
import * as engine from '../library';
import type { FromWorker, OutputSink, RunMessage, WorkerRunResult } from './protocol';
import { collectVariables, recordInitialValues } from './variables';

/** Runs the program of `message` with `host`, posting what the runner needs to hear. */
export async function handleRun(
  message: RunMessage,
  post: (message: FromWorker) => void,
  host: (sink: OutputSink, onStart: () => void) => Promise<WorkerRunResult>,
): Promise<void> {
  const { id, request } = message;
  const sink: OutputSink = {
    stdout: (data) => post({ type: 'stdout', id, data }),
    stderr: (data) => post({ type: 'stderr', id, data }),
  };
  const onStart = () => post({ type: 'started', id });
  let result: WorkerRunResult;
  try {
    engine.resetDefaultGraph();
    recordInitialValues(!!request.collectVariables);
    result = await host(sink, onStart);
  } catch (error) {
    sink.stderr(
      `scope-lens: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    const text = error instanceof Error ? error.message : String(error);
    result = { exitCode: 1, error: { type: 'InternalError', message: text } };
  }
  if (request.collectVariables) {
    try {
      result = { ...result, variables: collectVariables(request.collectVariables) };
    } catch (error) {
      sink.stderr(`scope-lens: could not read the run's variables: ${String(error)}\n`);
    }
  }
  post({ type: 'done', id, result });
}
