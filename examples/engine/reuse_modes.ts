// The three ways a variable scope treats an existing name, with Scope Lens's TypeScript API:
// create (reuse off), share (reuse: true) and create-or-share (AUTO_REUSE), and TensorFlow's
// error when a name is created twice. Run it with `npx scope-lens run examples/engine/reuse_modes.ts`.
//
// It imports the package by name, as your own programs do (`scope-lens run` binds 'scope-lens'
// to its engine). The repository's type-check leaves it out (tsconfig.json `exclude`): there,
// 'scope-lens' would resolve to the build output of the checkout itself.
import { AUTO_REUSE, getVariable, initializers, ValueError, variableScope } from 'scope-lens';

// Creates layer1/w:0 with a glorot-uniform initial value (TF's default for floats).
const w = variableScope('layer1', () => getVariable('w', { shape: [784, 256] }));

// Shares it.
const same = variableScope('layer1', { reuse: true }, () => getVariable('w'));
console.log(same === w, w.name, JSON.stringify(w.shape), w.dtype.name);

// AUTO_REUSE: created on the first call, shared afterwards.
const dense = () =>
  variableScope('dense', { reuse: AUTO_REUSE }, () =>
    getVariable('b', { shape: [256], initializer: initializers.zeros() }),
  );
console.log(dense() === dense(), dense().name);

// Creating a name that exists, without reuse: TensorFlow's ValueError, with TensorFlow's message.
try {
  variableScope('layer1', () => getVariable('w', { shape: [784, 256] }));
} catch (e) {
  if (!(e instanceof ValueError)) throw e;
  console.log(e.message.split('\n')[0]);
}
