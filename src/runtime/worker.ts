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
import type { FromWorker, ToWorker, WorkerConfig } from './protocol';
import { PythonHost, findPythonDir } from './python-host';
import { handleRun } from './run-message';
import { ScriptHost } from './ts-host';

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
      const { request } = message;
      await handleRun(message, post, (sink, onStart) =>
        request.language === 'python'
          ? python.run(request, sink, onStart)
          : scripts.run(request, sink, onStart),
      );
      runs++;
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
