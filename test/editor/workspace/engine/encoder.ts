// A TypeScript program on the Scope Lens engine: Run File runs it in the runtime's worker.
import { getVariable, initializers, variableScope } from 'scope-lens';

const w = variableScope('encoder', () =>
  getVariable('w', { shape: [4, 2], initializer: initializers.constant(0.25) }),
);
console.log(w.name, JSON.stringify(w.shape));
