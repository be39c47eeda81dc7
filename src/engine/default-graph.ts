/**
 * The default graph, as TF 1.x keeps one per thread: `getDefaultGraph()`, `Graph.asDefault`,
 * `resetDefaultGraph()`.
 */
import { Graph } from './graph';

let defaultGraph: Graph | null = null;
const stack: Graph[] = [];

/** `tf.get_default_graph()`: the innermost `withGraph` graph, else the global default. */
export function getDefaultGraph(): Graph {
  if (stack.length > 0) return stack[stack.length - 1];
  if (!defaultGraph || defaultGraph.isDisposed) defaultGraph = new Graph();
  return defaultGraph;
}

/** `with graph.as_default():` — runs `fn` with `graph` as the default graph. */
export function withGraph<T>(graph: Graph, fn: () => T): T {
  stack.push(graph);
  try {
    return fn();
  } finally {
    stack.pop();
  }
}

/**
 * Makes `graph` the default until `popDefaultGraph()`: `with graph.as_default():` for runtimes
 * that model `with` blocks themselves. Prefer `withGraph`.
 */
export function pushDefaultGraph(graph: Graph): void {
  stack.push(graph);
}

/** Undoes `pushDefaultGraph`. */
export function popDefaultGraph(): void {
  stack.pop();
}

/**
 * `tf.reset_default_graph()`: disposes every tensor the default graph made and starts a new one.
 * Like TF, refuses (with an `AssertionError`) inside `withGraph`.
 */
export function resetDefaultGraph(): void {
  if (stack.length > 0) {
    const err = new Error(
      'Do not use tf.reset_default_graph() to clear nested graphs. If you need a cleared graph, exit the nesting and create a new graph.',
    );
    err.name = 'AssertionError';
    throw err;
  }
  defaultGraph?.dispose();
  defaultGraph = new Graph();
}
