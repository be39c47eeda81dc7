/**
 * The run worker: a `worker_threads` entry (dist/worker.js, or out/src/runtime/worker.js from
 * tsc) that runs one program at a time for the main-thread `Runner` (runner.ts), speaking the
 * protocol of protocol.ts.
 *
 * It holds the engine (the same instance the Python bridge and `require('scope-lens')` in
 * TypeScript programs use), a Python host (Pyodide, loaded on the first Python run) and a
 * script host. Before every run the engine's default graph is reset. A program that never ends
 * is not this file's problem: the runner terminates the whole worker.
 */
import { parentPort, threadId, workerData } from 'node:worker_threads';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as engine from '../index';
import { ensureBackend, tf } from '../engine/backend';
import type { FromWorker, OutputSink, ToWorker, WorkerConfig, WorkerRunResult } from './protocol';
import { PythonHost, findPythonDir } from './python-host';
import { ScriptHost } from './ts-host';
import { collectVariables, recordInitialValues } from './variables';

const port = parentPort;
if (!port) throw new Error('scope-lens: the run worker must be started as a worker thread');

const config = (workerData ?? { pythonDir: null }) as WorkerConfig;
ensureBackend();
const python = new PythonHost(config.pythonDir ?? findPythonDir());
const scripts = new ScriptHost(engine);
let runs = 0;

function post(message: FromWorker): void {
  port!.postMessage(message);
}

function internalError(error: unknown): WorkerRunResult {
  const message = error instanceof Error ? error.message : String(error);
  return { exitCode: 1, error: { type: 'InternalError', message } };
}

let fullGc: (() => void) | null = null;
function collectGarbage(): void {
  if (!fullGc) {
    v8.setFlagsFromString('--expose-gc');
    fullGc = vm.runInNewContext('gc') as () => void;
  }
  fullGc();
}

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'run': {
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
        result =
          request.language === 'python'
            ? await python.run(request, sink, onStart)
            : await scripts.run(request, sink, onStart);
      } catch (error) {
        sink.stderr(
          `scope-lens: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
        );
        result = internalError(error);
      }
      if (request.collectVariables) {
        try {
          result = { ...result, variables: collectVariables(request.collectVariables) };
        } catch (error) {
          sink.stderr(`scope-lens: could not read the run's variables: ${String(error)}\n`);
        }
      }
      runs++;
      post({ type: 'done', id, result });
      return;
    }
    case 'stats': {
      if (message.gc) collectGarbage();
      const py = python.stats(message.gc);
      if (message.gc) collectGarbage();
      post({
        type: 'stats',
        id: message.id,
        stats: {
          threadId,
          heapUsed: process.memoryUsage().heapUsed,
          numTensors: tf.memory().numTensors,
          runs,
          pyodideLoaded: python.loaded,
          ...py,
        },
      });
      return;
    }
  }
}

// Errors from a program's callbacks end that program's run; anything else is fatal to the
// worker (the runner replaces it).
function uncaught(error: unknown): void {
  if (scripts.handleUncaught(error)) return;
  process.stderr.write(`scope-lens worker: ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
}
process.on('uncaughtException', uncaught);
process.on('unhandledRejection', uncaught);

let queue: Promise<void> = Promise.resolve();
port.on('message', (message: ToWorker) => {
  queue = queue.then(() => handle(message));
});
